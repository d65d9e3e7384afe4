import Foundation
import SyncHTTP

extension HighLevelClient {
    // MARK: - Custom fields

    /// The location's custom field definitions (`GET /locations/{id}/customFields`), each with
    /// `id`, `name`, `fieldKey`, `dataType`... in its JSON.
    public func customFields() async throws -> [HighLevelItem] {
        let route = "GET /locations/{id}/customFields"
        let response = try await send(
            .get, "/locations/\(Self.escape(locationId))/customFields", route: route)
        return try items(response, key: "customFields", route: route)
    }

    // MARK: - Notes

    /// A contact's notes.
    public func notes(contactId: String) async throws -> [HighLevelItem] {
        let route = "GET /contacts/{id}/notes"
        let response = try await send(.get, "/contacts/\(Self.escape(contactId))/notes", route: route)
        return try items(response, key: "notes", route: route)
    }

    /// Creates a note (`{"body": ..., "title"?: ...}`) on a contact.
    public func createNote(contactId: String, json: Data) async throws -> HighLevelItem {
        try await childWrite(
            .post, "/contacts/\(Self.escape(contactId))/notes", "POST /contacts/{id}/notes", json, key: "note"
        )
    }

    /// Updates a note.
    public func updateNote(contactId: String, noteId: String, json: Data) async throws -> HighLevelItem {
        try await childWrite(
            .put, "/contacts/\(Self.escape(contactId))/notes/\(Self.escape(noteId))",
            "PUT /contacts/{id}/notes/{noteId}", json, key: "note")
    }

    /// Deletes a note; `notFound` when it is already gone.
    public func deleteNote(contactId: String, noteId: String) async throws {
        _ = try await send(
            .delete, "/contacts/\(Self.escape(contactId))/notes/\(Self.escape(noteId))",
            route: "DELETE /contacts/{id}/notes/{noteId}")
    }

    // MARK: - Tasks

    /// A contact's tasks.
    public func tasks(contactId: String) async throws -> [HighLevelItem] {
        let route = "GET /contacts/{id}/tasks"
        let response = try await send(.get, "/contacts/\(Self.escape(contactId))/tasks", route: route)
        return try items(response, key: "tasks", route: route)
    }

    /// Creates a task (`title`, `dueDate` and `completed` are required by GHL).
    public func createTask(contactId: String, json: Data) async throws -> HighLevelItem {
        try await childWrite(
            .post, "/contacts/\(Self.escape(contactId))/tasks", "POST /contacts/{id}/tasks", json, key: "task"
        )
    }

    /// Updates a task.
    public func updateTask(contactId: String, taskId: String, json: Data) async throws -> HighLevelItem {
        try await childWrite(
            .put, "/contacts/\(Self.escape(contactId))/tasks/\(Self.escape(taskId))",
            "PUT /contacts/{id}/tasks/{taskId}", json, key: "task")
    }

    /// Deletes a task; `notFound` when it is already gone.
    public func deleteTask(contactId: String, taskId: String) async throws {
        _ = try await send(
            .delete, "/contacts/\(Self.escape(contactId))/tasks/\(Self.escape(taskId))",
            route: "DELETE /contacts/{id}/tasks/{taskId}")
    }

    // MARK: - Helpers

    func childWrite(_ method: HTTPMethod, _ path: String, _ route: String, _ json: Data, key: String)
        async throws
        -> HighLevelItem
    {
        let body = try parseObject(json, route: route)
        let response = try await send(method, path, route: route, json: body)
        guard let row = try object(response, route: route)[key] as? [String: Any],
            let item = HighLevelItem(object: row)
        else {
            throw APIError(
                .invalidResponse, route: route, status: response.status,
                message: "no \"\(key)\" object with an id")
        }
        return item
    }

    func items(_ response: HTTPResponse, key: String, route: String) throws -> [HighLevelItem] {
        guard let rows = try object(response, route: route)[key] as? [[String: Any]] else {
            throw APIError(
                .invalidResponse, route: route, status: response.status, message: "no \"\(key)\" array")
        }
        return rows.compactMap(HighLevelItem.init(object:))
    }
}
