import Foundation
import GRDB

extension StateStore {
    /// Every stored event from `source` (processed or not) whose payload's top-level `id` is
    /// `recordId`, oldest first: what a webhook reported about one record (GHL contact events
    /// carry the contact's id as `id`). Payloads that are not JSON are skipped.
    public func inboxEvents(source: String, recordId: String) async throws -> [InboxEvent] {
        try await read("read the webhook events of \(recordId)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT event_id, source, payload, received_at, processed_at FROM webhook_inbox
                    WHERE source = ? AND (CASE WHEN json_valid(payload) THEN json_extract(payload, '$.id') END) = ?
                    ORDER BY received_at, event_id
                    """,
                arguments: [source, recordId]
            ).map { row in
                InboxEvent(
                    id: row["event_id"], source: row["source"], payload: row["payload"],
                    receivedAt: row["received_at"], processedAt: row["processed_at"])
            }
        }
    }
}
