import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
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
                db,
                sql: "SELECT source, count(*) AS n FROM webhook_inbox WHERE received_at >= ? GROUP BY source",
                arguments: [date])
            {
                counts[row["source"]] = row["n"]
            }
            return counts
        }
    }

    /// Decisions a run has applied, the most recently decided first.
    public func appliedDecisions(limit: Int = 10) async throws -> [StoredDecision] {
        try await read("read applied decisions") { db in
            guard try db.tableExists("decisions") else { return [] }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM decisions WHERE applied_run IS NOT NULL ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map { row in
                StoredDecision(
                    id: row["id"], conflictId: row["conflict_id"],
                    decision: ConflictDecision(
                        fulcrumId: row["fulcrum_id"], contactId: row["contact_id"], field: row["field"],
                        choice: try ValueJSON.decode(ConflictDecision.Choice.self, row["choice"]) ?? .base),
                    decidedAt: row["decided_at"], appliedRun: row["applied_run"])
            }
        }
    }

    /// The latest run of `kind` (`reconcile`, `delta`, ...), however many of other kinds came after.
    public func latestRun(kind: String) async throws -> RunRecord? {
        try await read("read the latest \(kind) run") { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM runs WHERE kind = ? ORDER BY id DESC LIMIT 1", arguments: [kind]
            )
            .map(Self.runRecord)
        }
    }
}
