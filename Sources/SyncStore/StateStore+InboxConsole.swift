import Foundation
import GRDB

extension StateStore {
    /// Puts a parked event back in the queue with a fresh set of tries (the console's
    /// "retry now"); the worker picks it up at its next look. Its last error is kept until a
    /// try succeeds or fails again.
    ///
    /// - Returns: `false` when no parked, unprocessed event has this id (nothing is changed).
    @discardableResult
    public func requeueParkedInboxEvent(id: String) async throws -> Bool {
        try await transaction { tx in
            try tx.db.execute(
                sql: """
                    UPDATE webhook_inbox SET attempts = 0, parked_at = NULL, next_attempt_at = NULL
                    WHERE event_id = ? AND parked_at IS NOT NULL AND processed_at IS NULL
                    """,
                arguments: [id])
            return tx.db.changesCount == 1
        }
    }

    /// Webhook events stored since `date`, by source (`ghl`, `fulcrum`): what arrived, whatever
    /// became of it.
    public func inboxReceived(since date: Date) async throws -> [String: Int] {
        try await read("count recent webhook events") { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT source, count(*) AS n FROM webhook_inbox WHERE received_at >= ? GROUP BY source", arguments: [date])
            {
                counts[row["source"]] = row["n"]
            }
            return counts
        }
    }
}
