import Foundation

extension FulcrumSimulator {
    static let maxPerPage = 20_000

    func perform(
        _ route: FulcrumRoute, params: [String: String], body: [String: JSONValue], request: SimRequest
    )
        async throws(SimError) -> SimResponse
    {
        let id = params["id"] ?? ""
        switch route {
        case .listRecords:
            return try await listRecords(request)
        case .getRecord:
            guard let record = await store.record(id: id) else { throw FulcrumErrors.notFound }
            return .json(200, ["record": .object(record.json)])
        case .createRecord:
            let record = try await write(request) { try $0.createRecord(body) }
            return .json(200, ["record": .object(record.json)])
        case .replaceRecord:
            return .json(
                200, ["record": .object(try await write(request) { try $0.replaceRecord(id: id, body) }.json)]
            )
        case .patchRecord:
            return .json(
                200, ["record": .object(try await write(request) { try $0.patchRecord(id: id, body) }.json)])
        case .deleteRecord:
            return .json(
                200, ["record": .object(try await write(request) { try $0.deleteRecord(id: id) }.json)])
        case .recordHistory:
            let entries = await store.historyEntries().filter { $0.recordId == id }
            guard !entries.isEmpty else { throw FulcrumErrors.notFound }
            return .json(200, paged("records", entries.map(\.json), page: 1, perPage: Self.maxPerPage))
        case .recordsHistory:
            return try await recordsHistory(request)
        case .listForms:
            let schema = request.query("schema") != "false"
            let status = request.query("status") ?? "active"
            let forms = await store.allForms().filter {
                status == "all" || $0["status"]?.stringValue == status
            }.map { form in
                schema ? form : .object((form.objectValue ?? [:]).filter { $0.key != "elements" })
            }
            let (page, perPage) = try pageParams(request)
            return .json(200, paged("forms", forms, page: page, perPage: perPage))
        case .getForm:
            guard var form = await store.form(id) else { throw FulcrumErrors.notFound }
            if request.query("schema") == "false" {
                form = .object((form.objectValue ?? [:]).filter { $0.key != "elements" })
            }
            return .json(200, ["form": form])
        case .listWebhooks:
            let all = await store.webhooks.values.sorted {
                ($0["created_at"]?.stringValue ?? "", $0["id"]?.stringValue ?? "") < (
                    $1["created_at"]?.stringValue ?? "", $1["id"]?.stringValue ?? ""
                )
            }
            let (page, perPage) = try pageParams(request)
            return .json(200, paged("webhooks", all, page: page, perPage: perPage))
        case .getWebhook:
            guard let webhook = await store.webhooks[id] else { throw FulcrumErrors.notFound }
            return .json(200, ["webhook": webhook])
        case .createWebhook:
            return .json(201, ["webhook": try await store.saveWebhook(id: nil, body)])
        case .updateWebhook:
            return .json(200, ["webhook": try await store.saveWebhook(id: id, body)])
        case .deleteWebhook:
            guard try await store.removeWebhook(id) else { throw FulcrumErrors.notFound }
            return SimResponse(status: 204)
        case .users:
            return .json(
                200,
                [
                    "user": [
                        "id": .string(options.userId), "first_name": "Sim", "last_name": "User",
                        "email": "sim@example.com",
                        "contexts": [
                            [
                                "id": .string(options.organizationId), "name": "fgsync Simulator",
                                "type": "organization",
                                "role": ["name": "Owner", "is_owner": true],
                            ]
                        ],
                        "current_organization": [
                            "id": .string(options.organizationId), "name": "fgsync Simulator",
                        ],
                    ]
                ])
        }
    }

    /// Runs a record write and delivers its events unless the request sent `X-SkipWebhooks: true`.
    func write(_ request: SimRequest, _ body: @Sendable (isolated FulcrumStore) throws -> FulcrumRecord)
        async throws(SimError) -> FulcrumRecord
    {
        do {
            let (record, events) = try await store.transaction(body)
            if request.header("x-skipwebhooks")?.lowercased() != "true" { await deliver(events) }
            return record
        } catch let error as SimError {
            throw error
        } catch {
            throw SimError(500, ["error": "Internal Server Error", "status": 500])
        }
    }

    func pageParams(_ request: SimRequest) throws(SimError) -> (Int, Int) {
        let page = SafeInteger.clampCount(Int(request.query("page") ?? "1") ?? 1)
        let perPage = Int(request.query("per_page") ?? "\(Self.maxPerPage)") ?? Self.maxPerPage
        return (max(1, page), min(max(1, perPage), Self.maxPerPage))
    }

    func paged(_ key: String, _ items: [JSONValue], page: Int, perPage: Int) -> JSONValue {
        let total = items.count
        let slice = Array(items.dropFirst((page - 1) * perPage).prefix(perPage))
        return [
            key: .array(slice), "current_page": .int(page),
            "total_pages": .int((total + perPage - 1) / perPage),
            "total_count": .int(total), "per_page": .int(perPage),
        ]
    }

    /// `GET /records`: filters, ascending `updated_at` then id, page/per_page.
    func listRecords(_ request: SimRequest) async throws(SimError) -> SimResponse {
        func bound(_ name: String) throws(SimError) -> Int64? {
            guard let text = request.query(name), !text.isEmpty else { return nil }
            guard let millis = TimeFormat.parseEpochSecondsOrISO(text) else { throw FulcrumErrors.badRequest }
            return millis
        }
        func clientTime(_ record: FulcrumRecord, _ key: String) -> Int64? {
            record.json[key]?.stringValue.flatMap(TimeFormat.parseISO)
        }
        var tests: [(FulcrumRecord) -> Bool] = []
        if let formId = request.query("form_id") { tests.append { $0.formId == formId } }
        let filters: [(String, (FulcrumRecord) -> Int64?)] = [
            ("updated", { $0.updatedAt }), ("created", { $0.createdAt }),
            ("client_updated", { clientTime($0, "client_updated_at") }),
            ("client_created", { clientTime($0, "client_created_at") }),
        ]
        for (prefix, time) in filters {
            if let since = try bound(prefix + "_since") { tests.append { (time($0) ?? .min) >= since } }
            if let before = try bound(prefix + "_before") { tests.append { (time($0) ?? .max) < before } }
        }
        let (page, perPage) = try pageParams(request)
        // The store keeps the records sorted while they are unchanged; one pass counts the
        // matches and keeps the page's, whose JSON the store has encoded once per record.
        let all = await store.allRecords()
        let first = (page - 1) * perPage
        var total = 0
        var slice: [FulcrumRecord] = []
        func visit(_ record: FulcrumRecord) {
            guard tests.allSatisfy({ $0(record) }) else { return }
            if total >= first && total < first + perPage { slice.append(record) }
            total += 1
        }
        if request.query("newest_first") != nil {
            for record in all.reversed() { visit(record) }
        } else {
            for record in all { visit(record) }
        }
        let encoded = await store.encodedRecords(slice)
        let body = EncodedJSON.object([
            ("current_page", EncodedJSON.int(page)), ("per_page", EncodedJSON.int(perPage)),
            ("records", EncodedJSON.array(encoded)), ("total_count", EncodedJSON.int(total)),
            ("total_pages", EncodedJSON.int((total + perPage - 1) / perPage)),
        ])
        return .assembled(200, body)
    }

    /// `GET /records/history`: sequence cursor (`> sequence`, ascending) or page paging.
    func recordsHistory(_ request: SimRequest) async throws(SimError) -> SimResponse {
        var entries = await store.historyEntries()
        if let formId = request.query("form_id") { entries = entries.filter { $0.formId == formId } }
        if let recordId = request.query("record_id") { entries = entries.filter { $0.recordId == recordId } }
        if let version = request.query("version").flatMap(Int.init) {
            entries = entries.filter { $0.json["version"]?.intValue == version }
        }
        if let changeset = request.query("changeset_id") {
            entries = entries.filter { $0.json["changeset_id"]?.stringValue == changeset }
        }
        let (page, perPage) = try pageParams(request)
        if let text = request.query("sequence") {
            guard let sequence = Int64(text) else { throw FulcrumErrors.badRequest }
            entries = entries.filter { $0.sequence > sequence }
            let slice = Array(entries.prefix(perPage))
            var body = paged("records", slice.map(\.json), page: 1, perPage: perPage).objectValue ?? [:]
            body["total_count"] = .int(entries.count)
            body["total_pages"] = .int((entries.count + perPage - 1) / perPage)
            body["next_sequence"] = slice.count == perPage ? .int(Int(slice.last!.sequence)) : .null
            return .json(200, .object(body))
        }
        var body = paged("records", entries.map(\.json), page: page, perPage: perPage).objectValue ?? [:]
        let slice = entries.dropFirst((page - 1) * perPage).prefix(perPage)
        body["next_sequence"] = slice.count == perPage ? .int(Int(slice.last!.sequence)) : .null
        return .json(200, .object(body))
    }
}
