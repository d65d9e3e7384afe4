import Foundation

extension GHLSimulator {
    static let sortable: Set<String> = [
        "firstNameLowerCase", "lastNameLowerCase", "businessName", "dateAdded", "dateUpdated", "email", "dnd",
        "source",
    ]
    static let pageCap = 10_000

    // MARK: - POST /contacts/search

    func search(_ body: JSONValue, grant: GHLGrant, store: GHLStore) async throws(SimError) -> SimResponse {
        guard let object = body.objectValue else { throw GHLErrors.unprocessable(["body must be an object"]) }
        var messages: [String] = []
        let known: Set<String> = [
            "locationId", "pageLimit", "page", "searchAfter", "filters", "sort", "query",
        ]
        for key in object.keys.sorted() where !known.contains(key) {
            messages.append("property \(key) should not exist")
        }
        let locationId = object["locationId"]?.stringValue
        if locationId == nil { messages.append("locationId should not be empty") }
        let pageLimit = object["pageLimit"]?.intValue
        if pageLimit == nil { messages.append("pageLimit must be a number") }
        if let pageLimit, pageLimit > 500 { messages.append("pageLimit must not be greater than 500") }
        if let pageLimit, pageLimit < 1 { messages.append("pageLimit must not be less than 1") }
        let page = object["page"]?.intValue.map(SafeInteger.clampCount)
        if object["page"] != nil && (page == nil || page! < 1) {
            messages.append("page must not be less than 1")
        }
        let searchAfter = object["searchAfter"]?.arrayValue
        if object["searchAfter"] != nil && searchAfter == nil {
            messages.append("searchAfter must be an array")
        }
        if page != nil && searchAfter != nil {
            messages.append("page and searchAfter cannot be used together")
        }
        let sortItems = object["sort"]?.arrayValue ?? []
        if sortItems.count > 2 { messages.append("sort must contain no more than 2 elements") }
        var sortKeys: [(field: String, descending: Bool)] = []
        for item in sortItems {
            guard let field = item["field"]?.stringValue, Self.sortable.contains(field) else {
                messages.append(
                    "sort.field must be one of: \(Self.sortable.sorted().joined(separator: ", "))")
                continue
            }
            let direction = item["direction"]?.stringValue ?? "asc"
            guard direction == "asc" || direction == "desc" else {
                messages.append("sort.direction must be one of the following values: asc, desc")
                continue
            }
            sortKeys.append((field, direction == "desc"))
        }
        if sortKeys.isEmpty { sortKeys = [("dateAdded", true)] }
        if let searchAfter, searchAfter.count != sortKeys.count + 1 {
            messages.append("searchAfter must contain \(sortKeys.count + 1) elements")
        }
        let query = object["query"]?.stringValue
        if let query, query.count > 75 {
            messages.append("query must be shorter than or equal to 75 characters")
        }
        if !messages.isEmpty { throw GHLErrors.unprocessable(messages) }
        guard locationId == grant.locationId else {
            throw GHLErrors.forbidden("The token does not have access to this location.")
        }
        let filter = try GHLFilter.parseList(object["filters"]?.arrayValue ?? [], group: "AND")
        let limit = pageLimit!
        if let page, page * limit > Self.pageCap {
            throw GHLErrors.badRequest(
                "Pagination beyond \(Self.pageCap) records is not supported with page; use searchAfter instead"
            )
        }

        // One sorted order, kept by the store while the index is unchanged; the page is a
        // binary search into it, and its rows are each contact's cached encoding.
        var keyed = await store.searchOrder(sortKeys)
        if !(object["filters"]?.arrayValue ?? []).isEmpty {
            keyed = keyed.filter { filter.matches($0.contact) }
        }
        if let query, !query.isEmpty {
            let needle = query.lowercased()
            keyed = keyed.filter { entry in
                let contact = entry.contact
                return ["firstName", "lastName", "email", "phone", "companyName"].contains { field in
                    contact.string(field)?.lowercased().contains(needle) == true
                } || contact.fullNameLowerCase?.contains(needle) == true
            }
        }
        var start = 0
        if let searchAfter {
            let cursor = searchAfter.map(Self.cursorComponent)
            start = Self.firstIndex(in: keyed) { Self.precedes(cursor, $0.key, sortKeys) }
        } else if let page {
            start = min(keyed.count, (page - 1) * limit)
        }
        let pageEntries = keyed[start..<min(keyed.count, start + limit)]
        let encoded = await store.encodedRows(pageEntries.map(\.contact))
        let rows = zip(pageEntries, encoded).map { entry, row in
            EncodedJSON.prepending(key: "searchAfter", value: Self.encodedCursor(entry.key), to: row)
        }
        let body = EncodedJSON.object([("contacts", EncodedJSON.array(rows)), ("total", EncodedJSON.int(keyed.count))])
        return .assembled(200, body)
    }

    /// The first index of `entries` (sorted) at which `isAfter` holds; it holds for every later one.
    static func firstIndex(in entries: [Keyed], where isAfter: (Keyed) -> Bool) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(entries[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A row's `searchAfter`: its sort key as a JSON array.
    static func encodedCursor(_ key: [SortComponent]) -> Data {
        EncodedJSON.array(key.map { component in
            switch component {
            case .number(let value): return EncodedJSON.int(Int(value))
            case .text(let value): return EncodedJSON.string(value)
            }
        })
    }

    /// A contact with its sort key.
    struct Keyed {
        var contact: GHLContact
        var key: [SortComponent]
    }

    /// A sort component: numbers for dates, lower-cased strings otherwise; the id breaks ties.
    enum SortComponent: Equatable {
        case number(Int64)
        case text(String)

        var json: JSONValue {
            switch self {
            case .number(let value): return .int(Int(value))
            case .text(let value): return .string(value)
            }
        }

        static func < (lhs: SortComponent, rhs: SortComponent) -> Bool {
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)): return a < b
            case (.text(let a), .text(let b)): return a < b
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
    }

    static func cursorComponent(_ value: JSONValue) -> SortComponent {
        if let number = value.doubleValue {
            return .number(SafeInteger.int64(number) ?? (number < 0 ? .min : .max))
        }
        if let text = value.stringValue { return .text(text) }
        return .text("")
    }

    static func sortKey(_ contact: GHLContact, _ keys: [(field: String, descending: Bool)]) -> [SortComponent] {
        var out: [SortComponent] = keys.map { key in
            switch key.field {
            case "dateAdded": return .number(contact.dateAdded)
            case "dateUpdated": return .number(contact.dateUpdated)
            case "firstNameLowerCase": return .text(contact.string("firstName")?.lowercased() ?? "")
            case "lastNameLowerCase": return .text(contact.string("lastName")?.lowercased() ?? "")
            case "businessName": return .text(contact.string("companyName")?.lowercased() ?? "")
            case "dnd": return .text(contact.fields["dnd"]?.boolValue == true ? "true" : "false")
            default: return .text(contact.string(key.field)?.lowercased() ?? "")
            }
        }
        out.append(.text(contact.id))
        return out
    }

    /// Whether `lhs` comes strictly before `rhs` in the requested order (id ascending last).
    static func precedes(
        _ lhs: [SortComponent], _ rhs: [SortComponent], _ keys: [(field: String, descending: Bool)]
    ) -> Bool {
        for (index, (a, b)) in zip(lhs, rhs).enumerated() where a != b {
            let descending = index < keys.count ? keys[index].descending : false
            return descending ? b < a : a < b
        }
        return false
    }

    // MARK: - GET /contacts/ (deprecated list)

    func listContacts(_ request: SimRequest, grant: GHLGrant, store: GHLStore) async throws(SimError) -> SimResponse {
        guard let locationId = request.query("locationId"), !locationId.isEmpty else {
            throw GHLErrors.badRequest("locationId is required")
        }
        guard locationId == grant.locationId else {
            throw GHLErrors.forbidden("The token does not have access to this location.")
        }
        var limit = 20
        if let text = request.query("limit") {
            guard let value = Int(text), value >= 1 else {
                throw GHLErrors.unprocessable(["limit must be a number"])
            }
            guard value <= 100 else { throw GHLErrors.unprocessable(["limit must not be greater than 100"]) }
            limit = value
        }
        var rows = await store.searchableContacts().sorted { ($0.dateAdded, $0.id) < ($1.dateAdded, $1.id) }
        if let query = request.query("query")?.lowercased(), !query.isEmpty {
            rows = rows.filter { contact in
                ["firstName", "lastName", "email", "phone", "companyName"].contains {
                    contact.string($0)?.lowercased().contains(query) == true
                }
            }
        }
        let total = rows.count
        var startIndex = 0
        if let after = request.query("startAfter").flatMap({ Int64($0) }) {
            let afterId = request.query("startAfterId")
            startIndex =
                rows.firstIndex { contact in
                    if let afterId { return (contact.dateAdded, contact.id) > (after, afterId) }
                    return contact.dateAdded > after
                } ?? rows.count
        } else if let afterId = request.query("startAfterId"),
            let index = rows.firstIndex(where: { $0.id == afterId })
        {
            startIndex = index + 1
        }
        let page = Array(rows[startIndex...].prefix(limit))
        let currentPage = startIndex / limit + 1
        let hasMore = startIndex + page.count < rows.count
        var meta: [String: JSONValue] = [
            "total": .int(total), "currentPage": .int(currentPage),
            "nextPage": hasMore ? .int(currentPage + 1) : .null,
            "prevPage": currentPage > 1 ? .int(currentPage - 1) : .null,
            "startAfterId": .null, "startAfter": .null, "nextPageUrl": .null,
        ]
        if let last = page.last {
            meta["startAfterId"] = .string(last.id)
            meta["startAfter"] = .int(Int(last.dateAdded))
            if hasMore {
                let host = request.header("host") ?? "127.0.0.1"
                var url = "http://\(host)/contacts/?locationId=\(locationId)&limit=\(limit)"
                url += "&startAfter=\(last.dateAdded)&startAfterId=\(last.id)"
                if let query = request.query("query"), !query.isEmpty {
                    url +=
                        "&query=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                }
                meta["nextPageUrl"] = .string(url)
            }
        }
        return .json(
            200,
            ["contacts": .array(page.map { $0.renderRow() }), "count": .int(total), "meta": .object(meta)])
    }
}
