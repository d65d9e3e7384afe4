import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Appends audit entries for a run in one transaction.
    public func appendAudit(_ entries: [AuditEntry], runId: Int64?) async throws {
        try await write("append audit entries") { tx in try await tx.appendAudit(entries, runId: runId) }
    }

    /// Every audit entry about one record, oldest first.
    public func auditEntries(side: Side, recordId: String) async throws -> [AuditEntry] {
        try await read("read the audit of \(side.recordNoun) \(recordId)") { tx in
            try await tx.rows(
                """
                SELECT side, record_id, field, old_value, new_value, reason, run_id, at FROM audit
                WHERE side = \(side.rawValue) AND record_id = \(recordId) ORDER BY id
                """
            ).map { row in
                let (rowSide, id, field, old, new, reason, runId, at) = try row.decode(
                    (String, String, String?, String?, String?, String, Int64?, Date?).self)
                return AuditEntry(
                    side: Side(rawValue: rowSide) ?? side, recordId: id, field: field, oldValue: old, newValue: new,
                    reason: reason, runId: runId, at: at)
            }
        }
    }
}

extension PostgresTransaction {
    /// Appends audit entries (timestamped with the store's clock).
    func appendAudit(_ entries: [AuditEntry], runId: Int64?) async throws {
        let now = self.now
        for entry in entries {
            try await execute(
                """
                INSERT INTO audit (run_id, side, record_id, field, old_value, new_value, reason, at)
                VALUES (\(runId ?? entry.runId), \(entry.side.rawValue), \(entry.recordId), \(entry.field), \(entry.oldValue),
                    \(entry.newValue), \(entry.reason), \(now))
                """)
        }
    }
}
