import Foundation
import GRDB

extension SQLiteStateStore {
    /// Every stored event from `source` (processed or not) whose payload's top-level `id` is
    /// `recordId`, oldest first: what a webhook reported about one record (GHL contact events
    /// carry the contact's id as `id`). Payloads that are not JSON are skipped.
    public func inboxEvents(source: String, recordId: String) async throws -> [InboxEvent] {
        try await read("read the webhook events of \(recordId)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(InboxEvent.columns) FROM webhook_inbox
                    WHERE source = ? AND (CASE WHEN json_valid(payload) THEN json_extract(payload, '$.id') END) = ?
                    ORDER BY received_at, event_id
                    """,
                arguments: [source, recordId]
            ).map(InboxEvent.init(row:))
        }
    }
}
