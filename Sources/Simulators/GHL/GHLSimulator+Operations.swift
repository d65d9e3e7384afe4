import Foundation

extension GHLSimulator {
    // MARK: - Operations

    func perform(
        _ route: GHLRoute, params: [String: String], body: JSONValue, request: SimRequest, grant: GHLGrant,
        store: GHLStore
    )
        async throws(SimError) -> SimResponse
    {
        let contactId = params["contactId"] ?? ""
        switch route {
        case .getContact:
            let contact = try await store.requireContact(contactId)
            return .json(200, ["contact": contact.renderFull()])
        case .listContacts:
            return try await listContacts(request, grant: grant, store: store)
        case .searchContacts:
            return try await search(body, grant: grant, store: store)
        case .searchDuplicate:
            guard request.query("locationId") == grant.locationId else {
                throw GHLErrors.unprocessable(["locationId should not be empty"])
            }
            let match = await store.duplicateSearch(email: request.query("email"), phone: request.query("number"))
            return .json(200, ["contact": match?.renderRow() ?? .null])
        case .createContact:
            let input = try validated(body, .create, grant: grant)
            let contact = try await store.createContact(input)
            return .json(201, ["contact": contact.renderCreated()])
        case .updateContact:
            let input = try validated(body, .update, grant: grant)
            let contact = try await store.updateContact(id: contactId, input)
            return .json(200, ["succeded": true, "contact": contact.renderFull()])
        case .upsertContact:
            let input = try validated(body, .upsert, grant: grant)
            let (contact, isNew) = try await store.upsertContact(input)
            return .json(200, ["new": .bool(isNew), "contact": contact.renderFull(), "succeded": true])
        case .deleteContact:
            try await store.deleteContact(id: contactId)
            return .json(200, ["succeded": true])
        case .contactsByBusiness:
            let businessId = params["businessId"] ?? ""
            let limit = Int(request.query("limit") ?? "25") ?? 25
            let skip = Int(request.query("skip") ?? "0") ?? 0
            let rows = await store.allContacts().filter { $0.string("businessId") == businessId }
            let page = rows.dropFirst(max(0, skip)).prefix(max(0, min(limit, 100)))
            return .json(200, ["contacts": .array(page.map { $0.renderRow() }), "count": .int(rows.count)])
        case .addTags, .removeTags:
            let tags = try tagList(body)
            let result =
                route == .addTags
                ? try await store.changeTags(id: contactId, add: tags, remove: [])
                : try await store.changeTags(id: contactId, add: [], remove: tags)
            return .json(route == .addTags ? 201 : 200, ["tags": .array(result.map(JSONValue.string))])
        case .listTasks:
            return .json(200, ["tasks": .array(try await store.tasks(of: contactId).map { $0.render() })])
        case .getTask:
            return .json(200, ["task": try await store.task(contactId, params["taskId"] ?? "").render()])
        case .createTask:
            let fields = try taskFields(body, requireAll: true)
            let task = try await store.createTask(
                contactId, title: fields.title!, body: fields.body, dueDate: fields.dueDate!,
                completed: fields.completed!,
                assignedTo: fields.assignedTo)
            return .json(201, ["task": task.render()])
        case .updateTask:
            let fields = try taskFields(body, requireAll: false)
            let task = try await store.updateTask(contactId, params["taskId"] ?? "") { task in
                if let title = fields.title { task.title = title }
                if let body = fields.body { task.body = body }
                if let due = fields.dueDate { task.dueDate = due }
                if let completed = fields.completed { task.completed = completed }
                if let assigned = fields.assignedTo { task.assignedTo = assigned }
            }
            return .json(200, ["task": task.render()])
        case .completeTask:
            guard let object = body.objectValue, let completed = object["completed"]?.boolValue else {
                throw GHLErrors.unprocessable(["completed must be a boolean value"])
            }
            if let extra = object.keys.first(where: { $0 != "completed" }) {
                throw GHLErrors.unprocessable(["property \(extra) should not exist"])
            }
            let task = try await store.updateTask(contactId, params["taskId"] ?? "") {
                $0.completed = completed
            }
            return .json(200, ["task": task.render()])
        case .deleteTask:
            try await store.deleteTask(contactId, params["taskId"] ?? "")
            return .json(200, ["succeded": true])
        case .listNotes:
            return .json(200, ["notes": .array(try await store.notes(of: contactId).map { $0.render() })])
        case .getNote:
            return .json(200, ["note": try await store.note(contactId, params["id"] ?? "").render()])
        case .createNote:
            let fields = try noteFields(body)
            guard let text = fields["body"]?.stringValue, !text.isEmpty else {
                throw GHLErrors.unprocessable(["body should not be empty", "body must be a string"])
            }
            let note = try await store.createNote(
                contactId, body: text, userId: fields["userId"]?.stringValue,
                title: fields["title"]?.stringValue,
                color: fields["color"]?.stringValue, pinned: fields["pinned"]?.boolValue ?? false)
            return .json(201, ["note": note.render()])
        case .updateNote:
            let fields = try noteFields(body)
            let note = try await store.updateNote(contactId, params["id"] ?? "") { note in
                if let text = fields["body"]?.stringValue { note.body = text }
                if let user = fields["userId"]?.stringValue { note.userId = user }
                if let title = fields["title"]?.stringValue { note.title = title }
                if let color = fields["color"]?.stringValue { note.color = color }
                if let pinned = fields["pinned"]?.boolValue { note.pinned = pinned }
            }
            return .json(200, ["note": note.render()])
        case .deleteNote:
            try await store.deleteNote(contactId, params["id"] ?? "")
            return .json(200, ["succeded": true])
        case .appointments:
            return .json(200, ["events": .array(try await store.appointments(of: contactId))])
        case .customFields:
            guard params["locationId"] == grant.locationId else {
                throw GHLErrors.forbidden("The token does not have access to this location.")
            }
            return .json(200, ["customFields": .array(await store.customFieldDefinitions())])
        case .createCustomField:
            guard params["locationId"] == grant.locationId else {
                throw GHLErrors.forbidden("The token does not have access to this location.")
            }
            // The status of a create is not documented for custom fields; 201 as for contacts.
            return .json(201, ["customField": try await store.createCustomField(body)])
        case .getLocation:
            // ghl.md §5: the location's settings carry `allowDuplicateContact` (the only part fgsync reads).
            guard params["locationId"] == grant.locationId else {
                throw GHLErrors.forbidden("The token does not have access to this location.")
            }
            return .json(200, [
                "location": [
                    "id": .string(grant.locationId), "companyId": .string(options.companyId),
                    "settings": ["allowDuplicateContact": .bool(options.allowDuplicateContacts)],
                ],
            ])
        case .oauthToken:
            return try await oauthToken(request)
        case .locationToken:
            return try await locationToken(request)
        case .installedLocations:
            return try await installedLocations(request)
        }
    }

    func validated(_ body: JSONValue, _ kind: GHLContactInput.Kind, grant: GHLGrant) throws(SimError)
        -> GHLContactInput
    {
        switch GHLContactInput.parse(body, kind: kind) {
        case .failure(let failure):
            throw GHLErrors.unprocessable(failure.messages)
        case .success(let input):
            if let location = input.locationId, location != grant.locationId {
                throw GHLErrors.forbidden("The token does not have access to this location.")
            }
            return input
        }
    }

    func tagList(_ body: JSONValue) throws(SimError) -> [String] {
        guard let items = body["tags"]?.arrayValue else {
            throw GHLErrors.unprocessable(["tags must be an array", "tags should not be empty"])
        }
        let tags = items.compactMap(\.stringValue)
        guard tags.count == items.count else {
            throw GHLErrors.unprocessable(["each value in tags must be a string"])
        }
        if let extra = body.objectValue?.keys.first(where: { $0 != "tags" }) {
            throw GHLErrors.unprocessable(["property \(extra) should not exist"])
        }
        return tags
    }

    struct TaskFields {
        var title: String?
        var body: String?
        var dueDate: Int64?
        var completed: Bool?
        var assignedTo: String?
    }

    func taskFields(_ body: JSONValue, requireAll: Bool) throws(SimError) -> TaskFields {
        guard let object = body.objectValue else { throw GHLErrors.unprocessable(["body must be an object"]) }
        var messages: [String] = []
        var fields = TaskFields()
        for key in object.keys.sorted()
        where !["title", "body", "dueDate", "completed", "assignedTo"].contains(key) {
            messages.append("property \(key) should not exist")
        }
        if let value = object["title"] {
            if let text = value.stringValue {
                fields.title = text
            } else {
                messages.append("title must be a string")
            }
        } else if requireAll {
            messages.append("title should not be empty")
        }
        if let value = object["body"], !value.isNull {
            if let text = value.stringValue {
                fields.body = text
            } else {
                messages.append("body must be a string")
            }
        }
        if let value = object["assignedTo"], !value.isNull {
            if let text = value.stringValue {
                fields.assignedTo = text
            } else {
                messages.append("assignedTo must be a string")
            }
        }
        if let value = object["dueDate"] {
            if let text = value.stringValue, let millis = TimeFormat.parseISO(text) {
                fields.dueDate = millis
            } else {
                messages.append("dueDate must be a valid ISO 8601 date string")
            }
        } else if requireAll {
            messages.append("dueDate should not be empty")
        }
        if let value = object["completed"] {
            if let flag = value.boolValue {
                fields.completed = flag
            } else {
                messages.append("completed must be a boolean value")
            }
        } else if requireAll {
            messages.append("completed must be a boolean value")
        }
        if !messages.isEmpty { throw GHLErrors.unprocessable(messages) }
        return fields
    }

    func noteFields(_ body: JSONValue) throws(SimError) -> [String: JSONValue] {
        guard let object = body.objectValue else { throw GHLErrors.unprocessable(["body must be an object"]) }
        var messages: [String] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "body", "userId", "title", "color":
                if value.stringValue == nil && !value.isNull { messages.append("\(key) must be a string") }
            case "pinned":
                if value.boolValue == nil && !value.isNull {
                    messages.append("pinned must be a boolean value")
                }
            default:
                messages.append("property \(key) should not exist")
            }
        }
        if !messages.isEmpty { throw GHLErrors.unprocessable(messages) }
        return object
    }

    // MARK: - OAuth

    /// `POST /oauth/token`: form-encoded (or JSON) body, snake_case v2 fields (camelCase v3 accepted).
    func oauthToken(_ request: SimRequest) async throws(SimError) -> SimResponse {
        var fields: [String: String] = [:]
        if request.header("content-type")?.contains("json") == true {
            guard let object = (try? JSONValue.parse(request.body))?.objectValue else {
                throw GHLErrors.badRequest("Unexpected token in JSON at position 0")
            }
            for (key, value) in object { if let text = value.stringValue { fields[key] = text } }
        } else {
            let text = String(decoding: request.body, as: UTF8.self)
            for (name, value) in SimRequest.parseQuery(text) { fields[name] = value }
        }
        func field(_ snake: String, _ camel: String) -> String? { fields[snake] ?? fields[camel] }
        var missing: [String] = []
        for (snake, camel) in [
            ("client_id", "clientId"), ("client_secret", "clientSecret"), ("grant_type", "grantType"),
        ]
        where field(snake, camel) == nil {
            missing.append("\(snake) should not be empty")
        }
        if !missing.isEmpty { throw GHLErrors.unprocessable(missing) }
        guard field("client_id", "clientId") == options.oauthClientId,
            field("client_secret", "clientSecret") == options.oauthClientSecret
        else {
            throw GHLErrors.unauthorized("Invalid client credentials")
        }
        if let company = try await companyExchange(
            grantType: field("grant_type", "grantType")!, userType: field("user_type", "userType"),
            code: fields["code"], refreshToken: field("refresh_token", "refreshToken"))
        {
            return company
        }
        let result = await store.exchange(
            grantType: field("grant_type", "grantType")!, code: fields["code"],
            refreshToken: field("refresh_token", "refreshToken"))
        let (access, refresh, grant) = try result.get()
        return .json(
            200,
            [
                "access_token": .string(access), "token_type": "Bearer",
                "expires_in": .int(options.accessTokenLifetimeSeconds), "refresh_token": .string(refresh),
                "scope": .string(grant.scopes.sorted().joined(separator: " ")), "userType": "Location",
                "locationId": .string(grant.locationId), "companyId": .string(options.companyId),
                "userId": "sImUser0000000000001", "isBulkInstallation": false,
                "traceId": .string(random.uuid()),
            ])
    }
}
