import Foundation

extension GHLStore {
    // MARK: - Tasks

    func tasks(of contactId: String) throws(SimError) -> [GHLTask] {
        _ = try requireContact(contactId)
        return tasks.values.filter { $0.contactId == contactId }.sorted {
            ($0.dateAdded, $0.id) < ($1.dateAdded, $1.id)
        }
    }

    func task(_ contactId: String, _ taskId: String) throws(SimError) -> GHLTask {
        _ = try requireContact(contactId)
        guard let task = tasks[taskId], task.contactId == contactId else {
            throw GHLErrors.badRequest("Task with id \(taskId) not found")
        }
        return task
    }

    func createTask(
        _ contactId: String, title: String, body: String?, dueDate: Int64, completed: Bool,
        assignedTo: String?
    )
        throws(SimError) -> GHLTask
    {
        let contact = try requireContact(contactId)
        let task = GHLTask(
            id: newId(), contactId: contactId, title: title, body: body, assignedTo: assignedTo,
            dueDate: dueDate,
            completed: completed, dateAdded: clock.nowMillis())
        tasks[task.id] = task
        // Documented gap (GHL issue #332): TaskCreate arrives without contactId and body.
        var payload: [String: JSONValue] = [
            "type": "TaskCreate", "locationId": .string(contact.locationId), "id": .string(task.id),
            "title": .string(title), "dateAdded": .string(TimeFormat.isoMillis(task.dateAdded)),
            "dueDate": .string(TimeFormat.isoMillis(dueDate)),
        ]
        if let assignedTo { payload["assignedTo"] = .string(assignedTo) }
        outbox.append(("TaskCreate", payload))
        return task
    }

    func updateTask(_ contactId: String, _ taskId: String, change: (inout GHLTask) -> Void) throws(SimError)
        -> GHLTask
    {
        let original = try task(contactId, taskId)
        var updated = original
        change(&updated)
        tasks[taskId] = updated
        if updated.completed && !original.completed { emitTask("TaskComplete", updated) }
        return updated
    }

    func deleteTask(_ contactId: String, _ taskId: String) throws(SimError) {
        let existing = try task(contactId, taskId)
        tasks[taskId] = nil
        emitTask("TaskDelete", existing)
    }

    func emitTask(_ type: String, _ task: GHLTask) {
        var payload: [String: JSONValue] = [
            "type": .string(type), "locationId": .string(options.locationId), "id": .string(task.id),
            "contactId": .string(task.contactId), "title": .string(task.title),
            "dateAdded": .string(TimeFormat.isoMillis(task.dateAdded)),
            "dueDate": .string(TimeFormat.isoMillis(task.dueDate)),
        ]
        if let body = task.body { payload["body"] = .string(body) }
        if let assignedTo = task.assignedTo { payload["assignedTo"] = .string(assignedTo) }
        outbox.append((type, payload))
    }

    // MARK: - Notes

    func notes(of contactId: String) throws(SimError) -> [GHLNote] {
        _ = try requireContact(contactId)
        return notes.values.filter { $0.contactId == contactId }.sorted {
            ($0.dateAdded, $0.id) > ($1.dateAdded, $1.id)
        }
    }

    func note(_ contactId: String, _ noteId: String) throws(SimError) -> GHLNote {
        _ = try requireContact(contactId)
        guard let note = notes[noteId], note.contactId == contactId else {
            throw GHLErrors.badRequest("Note with id \(noteId) not found")
        }
        return note
    }

    func createNote(
        _ contactId: String, body: String, userId: String?, title: String?, color: String?, pinned: Bool
    )
        throws(SimError) -> GHLNote
    {
        _ = try requireContact(contactId)
        let note = GHLNote(
            id: newId(), contactId: contactId, body: body, userId: userId, title: title, color: color,
            pinned: pinned,
            dateAdded: clock.nowMillis())
        notes[note.id] = note
        emitNote("NoteCreate", note)
        return note
    }

    func updateNote(_ contactId: String, _ noteId: String, change: (inout GHLNote) -> Void) throws(SimError)
        -> GHLNote
    {
        var updated = try note(contactId, noteId)
        change(&updated)
        notes[noteId] = updated
        emitNote("NoteUpdate", updated)
        return updated
    }

    func deleteNote(_ contactId: String, _ noteId: String) throws(SimError) {
        let existing = try note(contactId, noteId)
        notes[noteId] = nil
        emitNote("NoteDelete", existing)
    }

    func emitNote(_ type: String, _ note: GHLNote) {
        outbox.append(
            (
                type,
                [
                    "type": .string(type), "locationId": .string(options.locationId), "id": .string(note.id),
                    "body": .string(note.body), "contactId": .string(note.contactId),
                    "dateAdded": .string(TimeFormat.isoMillis(note.dateAdded)),
                ]
            ))
    }

    // MARK: - Appointments

    func appointments(of contactId: String) throws(SimError) -> [JSONValue] {
        _ = try requireContact(contactId)
        return appointments.filter { $0["contactId"]?.stringValue == contactId }
    }

    // MARK: - OAuth

    /// Issues an authorization code, as the consent redirect would.
    public func issueAuthorizationCode(scopes: Set<String>? = nil) -> String {
        let code = random.string(length: 40, alphabet: "0123456789abcdef")
        authCodes[code] = GHLGrant(
            locationId: options.locationId, scopes: scopes ?? GHLScopes.all, expiresMillis: nil)
        return code
    }

    /// Exchanges a code or a refresh token for a new token pair; a used refresh token dies.
    func exchange(grantType: String, code: String?, refreshToken: String?) -> Result<
        (String, String, GHLGrant), SimError
    > {
        var grant: GHLGrant
        switch grantType {
        case "authorization_code":
            guard let code, let found = authCodes.removeValue(forKey: code) else {
                return .failure(GHLErrors.unauthorized("Invalid grant: authorization code is invalid"))
            }
            grant = found
        case "refresh_token":
            guard let refreshToken, let found = refreshTokens.removeValue(forKey: refreshToken) else {
                return .failure(GHLErrors.unauthorized("Invalid grant: refresh token is invalid"))
            }
            grant = found
        default:
            return .failure(
                GHLErrors.unprocessable([
                    "grant_type must be one of the following values: authorization_code, refresh_token"
                ]))
        }
        grant.expiresMillis = clock.nowMillis() + Int64(options.accessTokenLifetimeSeconds) * 1000
        let access = "sim-at-" + random.string(length: 40)
        let refresh = "sim-rt-" + random.string(length: 40)
        accessTokens[access] = grant
        refreshTokens[refresh] = GHLGrant(
            locationId: grant.locationId, scopes: grant.scopes, expiresMillis: nil)
        return .success((access, refresh, grant))
    }
}
