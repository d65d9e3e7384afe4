import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Records a person's decision on the open conflict `conflictId` and marks the conflict
    /// resolved (with every other open record of the same field of the same pair).
    ///
    /// - Throws: `StoreError.Code.conflictNotFound` when no open conflict has this id.
    @discardableResult
    public func recordDecision(conflictId: Int64, choice: ConflictDecision.Choice) async throws -> StoredDecision {
        try await write("record a decision on conflict \(conflictId)") { tx in
            guard let row = try await tx.rows(
                "SELECT fulcrum_id, contact_id, field, status FROM conflicts WHERE id = \(conflictId) FOR UPDATE").first
            else {
                throw StoreError(
                    .conflictNotFound, "There is no conflict \(conflictId) in \(tx.location); `fgsync conflicts` lists the open ones.",
                    path: tx.location)
            }
            let (fulcrumId, contactId, field, status) = try row.decode((String, String, String, String).self)
            guard status == StoredConflict.Status.open.rawValue else {
                throw StoreError(
                    .conflictNotFound, "Conflict \(conflictId) is already resolved; `fgsync conflicts` lists the open ones.",
                    path: tx.location)
            }
            let decision = ConflictDecision(fulcrumId: fulcrumId, contactId: contactId, field: field, choice: choice)
            let now = tx.now
            let id = try await tx.value(
                """
                INSERT INTO decisions (conflict_id, fulcrum_id, contact_id, field, choice, decided_at)
                VALUES (\(conflictId), \(fulcrumId), \(contactId), \(field), \(try ValueJSON.encode(choice) ?? "null"), \(now))
                RETURNING id
                """, as: Int64.self) ?? 0
            try await tx.execute(
                "UPDATE conflicts SET status = 'resolved', resolution = \("decision:\(id)"), resolved_at = \(now) WHERE id = \(conflictId)")
            // Each pass that met the same field of the same pair recorded it again: one decision settles them all.
            try await tx.execute(
                """
                UPDATE conflicts SET status = 'resolved', resolution = \("decision:\(id)"), resolved_at = \(now)
                WHERE status = 'open' AND fulcrum_id = \(fulcrumId) AND contact_id = \(contactId) AND field = \(field)
                """)
            return StoredDecision(id: id, conflictId: conflictId, decision: decision, decidedAt: now, appliedRun: nil)
        }
    }

    /// Decisions no run has applied yet, oldest first.
    public func pendingDecisions() async throws -> [StoredDecision] {
        try await read("read pending decisions") { tx in
            try await tx.rows("SELECT \(unescaped: Self.decisionColumns) FROM decisions WHERE applied_run IS NULL ORDER BY id")
                .map(Self.storedDecision)
        }
    }

    /// Marks decisions as applied by `runId`.
    public func markDecisionsApplied(ids: [Int64], runId: Int64) async throws {
        guard !ids.isEmpty else { return }
        try await write("mark \(ids.count) decisions applied") { tx in
            try await tx.execute("UPDATE decisions SET applied_run = \(runId) WHERE id = ANY(\(ids))")
        }
    }

    static let decisionColumns = "id, conflict_id, fulcrum_id, contact_id, field, choice, decided_at, applied_run"

    /// Decodes a row selected with `decisionColumns`.
    static func storedDecision(_ row: PostgresRow) throws -> StoredDecision {
        let (id, conflictId, fulcrumId, contactId, field, choice, decidedAt, appliedRun) = try row.decode(
            (Int64, Int64?, String, String, String, String, Date, Int64?).self)
        return StoredDecision(
            id: id, conflictId: conflictId,
            decision: ConflictDecision(
                fulcrumId: fulcrumId, contactId: contactId, field: field,
                choice: try ValueJSON.decode(ConflictDecision.Choice.self, choice) ?? .base),
            decidedAt: decidedAt, appliedRun: appliedRun)
    }
}
