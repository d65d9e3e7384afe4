import Foundation
import SyncHTTP

extension HighLevelClient {
    /// A contact's appointments (`GET /contacts/{id}/appointments`, `{"events": [...]}`); their
    /// times are `"YYYY-MM-DD HH:mm:ss"` in the location's time zone (ghl.md §4.13).
    public func appointments(contactId: String) async throws -> [HighLevelItem] {
        let route = "GET /contacts/{id}/appointments"
        let response = try await send(.get, "/contacts/\(Self.escape(contactId))/appointments", route: route)
        return try items(response, key: "events", route: route)
    }

    /// Sets only a task's completed flag (`PUT /contacts/{id}/tasks/{taskId}/completed`).
    public func completeTask(contactId: String, taskId: String, completed: Bool) async throws -> HighLevelItem {
        let json = try JSONSerialization.data(withJSONObject: ["completed": completed])
        return try await childWrite(
            .put, "/contacts/\(Self.escape(contactId))/tasks/\(Self.escape(taskId))/completed",
            "PUT /contacts/{id}/tasks/{taskId}/completed", json, key: "task")
    }
}
