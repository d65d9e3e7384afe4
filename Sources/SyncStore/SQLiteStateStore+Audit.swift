import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Appends audit entries for a run in one transaction.
    public func appendAudit(_ entries: [AuditEntry], runId: Int64?) async throws {
        try await transaction { try $0.appendAudit(entries, runId: runId) }
    }

    /// Every audit entry about one record, oldest first.
    public func auditEntries(side: Side, recordId: String) async throws -> [AuditEntry] {
        try await read("read the audit of \(side.recordNoun) \(recordId)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT side, record_id, field, old_value, new_value, reason, run_id, at FROM audit
                    WHERE side = ? AND record_id = ? ORDER BY id
                    """,
                arguments: [side.rawValue, recordId]
            ).map { row in
                AuditEntry(
                    side: Side(rawValue: try row.decode(String.self, forColumn: "side")) ?? side,
                    recordId: try row.decode(String.self, forColumn: "record_id"),
                    field: try row.decode(String?.self, forColumn: "field"),
                    oldValue: try row.decode(String?.self, forColumn: "old_value"),
                    newValue: try row.decode(String?.self, forColumn: "new_value"),
                    reason: try row.decode(String.self, forColumn: "reason"),
                    runId: try row.decode(Int64?.self, forColumn: "run_id"),
                    at: try row.decode(Date?.self, forColumn: "at"))
            }
        }
    }
}

extension StoreTransaction {
    /// Appends audit entries (timestamped with the store's clock).
    public func appendAudit(_ entries: [AuditEntry], runId: Int64?) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO audit (run_id, side, record_id, field, old_value, new_value, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let now = self.now
        for entry in entries {
            try statement.execute(arguments: [
                runId ?? entry.runId, entry.side.rawValue, entry.recordId, entry.field, entry.oldValue,
                entry.newValue, entry.reason, now,
            ])
        }
    }
}
