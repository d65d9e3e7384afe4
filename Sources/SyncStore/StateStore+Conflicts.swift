import Foundation
import GRDB
import SyncCore

extension StateStore {
    /// Records conflicts found by a run: those with a winner as resolved by policy, the others open.
    public func recordConflicts(_ conflicts: [Conflict], runId: Int64?) async throws {
        try await transaction { try $0.recordConflicts(conflicts, runId: runId) }
    }

    /// Conflicts still waiting for a person, oldest first.
    public func openConflicts() async throws -> [StoredConflict] {
        try await read("read open conflicts") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conflicts WHERE status = 'open' ORDER BY id").map(Self.storedConflict)
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
    /// (`policy:<rule>`), the others open.
    public func recordConflicts(_ conflicts: [Conflict], runId: Int64?) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO conflicts (run_id, fulcrum_id, contact_id, field, base_value, fulcrum_value, ghl_value,
                    fulcrum_updated_at, ghl_updated_at, winner, rule, status, resolution, detected_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let now = self.now
        for conflict in conflicts {
            // A person's decision to keep the base or use a typed value has no winning side, yet
            // it is settled: recorded resolved, or every such decision would reopen its conflict.
            let resolved = conflict.winner != nil || conflict.rule == "manual-decision"
            try statement.execute(arguments: [
                runId, conflict.fulcrumId, conflict.contactId, conflict.field,
                try ValueJSON.encode(conflict.base), try ValueJSON.encode(conflict.fulcrum),
                try ValueJSON.encode(conflict.ghl), conflict.fulcrumUpdatedAt, conflict.ghlUpdatedAt,
                conflict.winner?.rawValue, conflict.rule,
                resolved ? StoredConflict.Status.resolved.rawValue : StoredConflict.Status.open.rawValue,
                resolved ? "policy:\(conflict.rule)" : nil, now, resolved ? now : nil,
            ])
        }
    }
}
