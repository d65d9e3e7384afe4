import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Puts a parked event back in the queue with a fresh set of tries; `false` when no parked,
    /// unprocessed event has this id.
    @discardableResult
    public func requeueParkedInboxEvent(id: String) async throws -> Bool {
        try await write("requeue webhook event \(id)") { tx in
            try await tx.changes(
                """
                UPDATE webhook_inbox SET attempts = 0, parked_at = NULL, next_attempt_at = NULL
                WHERE event_id = \(id) AND parked_at IS NOT NULL AND processed_at IS NULL RETURNING 1
                """) == 1
        }
    }

    /// Webhook events stored since `date`, by source.
    public func inboxReceived(since date: Date) async throws -> [String: Int] {
        try await read("count recent webhook events") { tx in
            var counts: [String: Int] = [:]
            for row in try await tx.rows("SELECT source, count(*) FROM webhook_inbox WHERE received_at >= \(date) GROUP BY source") {
                let (source, count) = try row.decode((String, Int).self)
                counts[source] = count
            }
            return counts
        }
    }

    /// Decisions a run has applied, the most recently decided first.
    public func appliedDecisions(limit: Int) async throws -> [StoredDecision] {
        try await read("read applied decisions") { tx in
            try await tx.rows(
                "SELECT \(unescaped: Self.decisionColumns) FROM decisions WHERE applied_run IS NOT NULL ORDER BY id DESC LIMIT \(limit)"
            ).map(Self.storedDecision)
        }
    }

    /// The latest run of `kind`, however many of other kinds came after.
    public func latestRun(kind: String) async throws -> RunRecord? {
        try await read("read the latest \(kind) run") { tx in
            try await tx.rows("SELECT \(unescaped: Self.runColumns) FROM runs WHERE kind = \(kind) ORDER BY id DESC LIMIT 1")
                .first.map(Self.runRecord)
        }
    }
}
