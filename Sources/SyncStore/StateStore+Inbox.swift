import Foundation
import GRDB

extension StateStore {
    /// Stores a webhook event unless one with the same id was already stored.
    ///
    /// - Returns: `true` when the event is new, `false` for a redelivery (nothing written).
    @discardableResult
    public func insertInboxEvent(_ event: InboxEvent) async throws -> Bool {
        try await transaction { tx in
            try tx.db.execute(
                sql: "INSERT INTO webhook_inbox (event_id, source, received_at, payload) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                arguments: [event.id, event.source, tx.now, event.payload])
            return tx.db.changesCount == 1
        }
    }

    /// Marks an event processed (after the re-read it triggered was applied).
    public func markInboxEventProcessed(id: String) async throws {
        try await transaction { try $0.markInboxEventProcessed(id: id) }
    }

    /// Events not processed yet, oldest first.
    public func pendingInboxEvents(limit: Int = 1000) async throws -> [InboxEvent] {
        try await read("read pending webhook events") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT event_id, source, payload, received_at, processed_at FROM webhook_inbox
                    WHERE processed_at IS NULL ORDER BY received_at, event_id LIMIT ?
                    """,
                arguments: [limit]
            ).map { row in
                InboxEvent(
                    id: try row.decode(String.self, forColumn: "event_id"), source: try row.decode(String.self, forColumn: "source"),
                    payload: try row.decode(String.self, forColumn: "payload"), receivedAt: try row.decode(Date?.self, forColumn: "received_at"),
                    processedAt: try row.decode(Date?.self, forColumn: "processed_at"))
            }
        }
    }
}

extension StoreTransaction {
    /// Marks an event processed, in the same transaction as what it triggered.
    public func markInboxEventProcessed(id: String) throws {
        try db.execute(
            sql: "UPDATE webhook_inbox SET processed_at = ? WHERE event_id = ? AND processed_at IS NULL",
            arguments: [now, id])
    }
}
