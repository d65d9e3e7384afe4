import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Records a person's decision on the open conflict `conflictId` and marks the conflict
    /// resolved (with every other open record of the same field of the same pair); the next
    /// run applies it.
    ///
    /// - Throws: `StoreError.Code.conflictNotFound` when no open conflict has this id.
    @discardableResult
    public func recordDecision(conflictId: Int64, choice: ConflictDecision.Choice) async throws -> StoredDecision {
        try await transaction { tx in
            guard let row = try Row.fetchOne(
                tx.db, sql: "SELECT fulcrum_id, contact_id, field, status FROM conflicts WHERE id = ?", arguments: [conflictId])
            else {
                throw StoreError(.conflictNotFound, "There is no conflict \(conflictId) in \(tx.path); `fgsync conflicts` lists the open ones.", path: tx.path)
            }
            guard try row.decode(String.self, forColumn: "status") == StoredConflict.Status.open.rawValue else {
                throw StoreError(.conflictNotFound, "Conflict \(conflictId) is already resolved; `fgsync conflicts` lists the open ones.", path: tx.path)
            }
            let decision = ConflictDecision(
                fulcrumId: try row.decode(forColumn: "fulcrum_id"), contactId: try row.decode(forColumn: "contact_id"),
                field: try row.decode(forColumn: "field"), choice: choice)
            let now = tx.now
            try tx.db.execute(
                sql: "INSERT INTO decisions (conflict_id, fulcrum_id, contact_id, field, choice, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [conflictId, decision.fulcrumId, decision.contactId, decision.field, try ValueJSON.encode(choice), now])
            let id = tx.db.lastInsertedRowID
            try tx.db.execute(
                sql: "UPDATE conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
                arguments: ["decision:\(id)", now, conflictId])
            // Each pass that met the same field of the same pair recorded it again: one decision
            // settles them all, or the older records would wait for a person forever.
            try tx.db.execute(
                sql: """
                    UPDATE conflicts SET status = 'resolved', resolution = ?, resolved_at = ?
                    WHERE status = 'open' AND fulcrum_id = ? AND contact_id = ? AND field = ?
                    """,
                arguments: ["decision:\(id)", now, decision.fulcrumId, decision.contactId, decision.field])
            return StoredDecision(id: id, conflictId: conflictId, decision: decision, decidedAt: now, appliedRun: nil)
        }
    }

    /// Decisions no run has applied yet, oldest first (a later decision on the same field wins).
    public func pendingDecisions() async throws -> [StoredDecision] {
        try await read("read pending decisions") { db in
            guard try db.tableExists("decisions") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM decisions WHERE applied_run IS NULL ORDER BY id").map { row in
                StoredDecision(
                    id: row["id"], conflictId: row["conflict_id"],
                    decision: ConflictDecision(
                        fulcrumId: row["fulcrum_id"], contactId: row["contact_id"], field: row["field"],
                        choice: try ValueJSON.decode(ConflictDecision.Choice.self, row["choice"]) ?? .base),
                    decidedAt: row["decided_at"], appliedRun: row["applied_run"])
            }
        }
    }

    /// Marks decisions as applied by `runId`.
    public func markDecisionsApplied(ids: [Int64], runId: Int64) async throws {
        guard !ids.isEmpty else { return }
        try await transaction { tx in
            for id in ids {
                try tx.db.execute(sql: "UPDATE decisions SET applied_run = ? WHERE id = ?", arguments: [runId, id])
            }
        }
    }

    /// A conflict by id, or `nil`.
    public func conflict(id: Int64) async throws -> StoredConflict? {
        try await read("read conflict \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM conflicts WHERE id = ?", arguments: [id]).map(Self.storedConflict)
        }
    }
}
