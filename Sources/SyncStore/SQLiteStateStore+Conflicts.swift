import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Records conflicts found by a run: those with a winner as resolved by policy, the others
    /// open (a conflict already open with the same values keeps its row). Returns the stored id
    /// of each conflict, in order.
    @discardableResult
    public func recordConflicts(_ conflicts: [Conflict], runId: Int64?) async throws -> [Int64] {
        try await transaction { try $0.recordConflicts(conflicts, runId: runId) }
    }

    /// The open rows a person sees: the latest of each field of each pair. (State files written
    /// before re-detected conflicts kept their row may hold several open rows of one field; one
    /// decision settles them all, so only the latest is shown.) The look for a later row must use
    /// `conflicts_by_pair`: SQLite otherwise picks `conflicts_open` and scans every later open
    /// row, quadratic in the open conflicts.
    static let shownOpenConflicts = """
        FROM conflicts AS c WHERE c.status = 'open' AND NOT EXISTS (
            SELECT 1 FROM conflicts AS later INDEXED BY conflicts_by_pair
            WHERE later.fulcrum_id = c.fulcrum_id AND later.contact_id = c.contact_id AND later.field = c.field
                AND later.status = 'open' AND later.id > c.id)
        """

    /// Conflicts still waiting for a person, oldest first.
    public func openConflicts() async throws -> [StoredConflict] {
        try await read("read open conflicts") { db in
            try Row.fetchAll(db, sql: "SELECT c.* \(Self.shownOpenConflicts) ORDER BY c.id").map(Self.storedConflict)
        }
    }

    /// One page of the conflicts waiting for a person, oldest first: at most `limit` rows
    /// after the first `offset`.
    public func openConflicts(limit: Int, offset: Int) async throws -> [StoredConflict] {
        try await read("read a page of open conflicts") { db in
            try Row.fetchAll(
                db, sql: "SELECT c.* \(Self.shownOpenConflicts) ORDER BY c.id LIMIT ? OFFSET ?",
                arguments: [max(0, limit), max(0, offset)]
            ).map(Self.storedConflict)
        }
    }

    /// How many conflicts wait for a person (as many as `openConflicts()` lists), without
    /// loading them.
    public func openConflictCount() async throws -> Int {
        try await read("count open conflicts") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) \(Self.shownOpenConflicts)") ?? 0
        }
    }

    /// Conflicts recorded by one run, in order.
    public func conflicts(runId: Int64) async throws -> [StoredConflict] {
        try await read("read the conflicts of run \(runId)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conflicts WHERE run_id = ? ORDER BY id", arguments: [runId])
                .map(Self.storedConflict)
        }
    }

    /// Marks a conflict resolved, with how (e.g. `kept fulcrum` or a person's note).
    public func resolveConflict(id: Int64, resolution: String) async throws {
        try await transaction { tx in
            try tx.db.execute(
                sql: "UPDATE conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
                arguments: [resolution, tx.now, id])
        }
    }

    static func storedConflict(_ row: Row) throws -> StoredConflict {
        let conflict = Conflict(
            fulcrumId: try row.decode(String.self, forColumn: "fulcrum_id"),
            contactId: try row.decode(String.self, forColumn: "contact_id"),
            field: try row.decode(String.self, forColumn: "field"),
            base: try ValueJSON.decodeValue(row.decode(String?.self, forColumn: "base_value")),
            fulcrum: try ValueJSON.decodeValue(row.decode(String?.self, forColumn: "fulcrum_value")),
            ghl: try ValueJSON.decodeValue(row.decode(String?.self, forColumn: "ghl_value")),
            fulcrumUpdatedAt: try row.decode(Date?.self, forColumn: "fulcrum_updated_at"),
            ghlUpdatedAt: try row.decode(Date?.self, forColumn: "ghl_updated_at"),
            winner: try row.decode(String?.self, forColumn: "winner").flatMap(Side.init(rawValue:)),
            rule: try row.decode(String.self, forColumn: "rule"))
        return StoredConflict(
            id: try row.decode(Int64.self, forColumn: "id"),
            runId: try row.decode(Int64?.self, forColumn: "run_id"),
            conflict: conflict,
            status: StoredConflict.Status(rawValue: try row.decode(String.self, forColumn: "status")) ?? .open,
            resolution: try row.decode(String?.self, forColumn: "resolution"),
            detectedAt: try row.decode(Date.self, forColumn: "detected_at"),
            resolvedAt: try row.decode(Date?.self, forColumn: "resolved_at"))
    }
}

extension StoreTransaction {
    /// Records conflicts: those with a winner or a person's decision as resolved
    /// (`policy:<rule>`), the others open. A conflict a later run meets again (same pair, same
    /// field, same base and values) while its row is still open keeps that row: the row's change
    /// times are updated, and its first run and detection time stay. Returns the stored id of
    /// each conflict, in order.
    @discardableResult
    public func recordConflicts(_ conflicts: [Conflict], runId: Int64?) throws -> [Int64] {
        let reopened = try db.cachedStatement(
            sql: """
                SELECT id FROM conflicts INDEXED BY conflicts_by_pair
                WHERE fulcrum_id = ? AND contact_id = ? AND field = ? AND status = 'open'
                    AND base_value IS ? AND fulcrum_value IS ? AND ghl_value IS ?
                ORDER BY id DESC LIMIT 1
                """)
        let touch = try db.cachedStatement(
            sql: "UPDATE conflicts SET fulcrum_updated_at = ?, ghl_updated_at = ?, rule = ? WHERE id = ?")
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO conflicts (run_id, fulcrum_id, contact_id, field, base_value, fulcrum_value, ghl_value,
                    fulcrum_updated_at, ghl_updated_at, winner, rule, status, resolution, detected_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let now = self.now
        var ids: [Int64] = []
        for conflict in conflicts {
            // A person's decision to keep the base or use a typed value has no winning side, yet
            // it is settled: recorded resolved, or every such decision would reopen its conflict.
            let resolved = conflict.winner != nil || conflict.rule == "manual-decision"
            let values = [try ValueJSON.encode(conflict.base), try ValueJSON.encode(conflict.fulcrum), try ValueJSON.encode(conflict.ghl)]
            if !resolved, let open = try Int64.fetchOne(
                reopened, arguments: [conflict.fulcrumId, conflict.contactId, conflict.field, values[0], values[1], values[2]])
            {
                try touch.execute(arguments: [conflict.fulcrumUpdatedAt, conflict.ghlUpdatedAt, conflict.rule, open])
                ids.append(open)
                continue
            }
            try statement.execute(arguments: [
                runId, conflict.fulcrumId, conflict.contactId, conflict.field,
                values[0], values[1], values[2], conflict.fulcrumUpdatedAt, conflict.ghlUpdatedAt,
                conflict.winner?.rawValue, conflict.rule,
                resolved ? StoredConflict.Status.resolved.rawValue : StoredConflict.Status.open.rawValue,
                resolved ? "policy:\(conflict.rule)" : nil, now, resolved ? now : nil,
            ])
            ids.append(db.lastInsertedRowID)
        }
        return ids
    }
}
