import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Records conflicts found by a run (see `StateStore.recordConflicts`); returns their ids.
    @discardableResult
    public func recordConflicts(_ conflicts: [Conflict], runId: Int64?) async throws -> [Int64] {
        try await write("record \(conflicts.count) conflicts") { tx in try await tx.recordConflicts(conflicts, runId: runId) }
    }

    /// The open rows a person sees: the latest of each field of each pair.
    static let shownOpenConflicts = """
        FROM conflicts AS c WHERE c.status = 'open' AND NOT EXISTS (
            SELECT 1 FROM conflicts AS later
            WHERE later.fulcrum_id = c.fulcrum_id AND later.contact_id = c.contact_id AND later.field = c.field
                AND later.status = 'open' AND later.id > c.id)
        """

    static let conflictColumns = """
        c.id, c.run_id, c.fulcrum_id, c.contact_id, c.field, c.base_value, c.fulcrum_value, c.ghl_value,
        c.fulcrum_updated_at, c.ghl_updated_at, c.winner, c.rule, c.status, c.resolution, c.detected_at, c.resolved_at
        """

    /// Conflicts still waiting for a person, oldest first.
    public func openConflicts() async throws -> [StoredConflict] {
        try await read("read open conflicts") { tx in
            try await tx.rows("SELECT \(unescaped: Self.conflictColumns) \(unescaped: Self.shownOpenConflicts) ORDER BY c.id")
                .map(Self.storedConflict)
        }
    }

    /// One page of the conflicts waiting for a person, oldest first.
    public func openConflicts(limit: Int, offset: Int) async throws -> [StoredConflict] {
        try await read("read a page of open conflicts") { tx in
            try await tx.rows(
                """
                SELECT \(unescaped: Self.conflictColumns) \(unescaped: Self.shownOpenConflicts) ORDER BY c.id
                LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """
            ).map(Self.storedConflict)
        }
    }

    /// How many conflicts wait for a person, without loading them.
    public func openConflictCount() async throws -> Int {
        try await read("count open conflicts") { tx in
            try await tx.value("SELECT count(*) \(unescaped: Self.shownOpenConflicts)", as: Int.self) ?? 0
        }
    }

    /// Conflicts recorded by one run, in order.
    public func conflicts(runId: Int64) async throws -> [StoredConflict] {
        try await read("read the conflicts of run \(runId)") { tx in
            try await tx.rows("SELECT \(unescaped: Self.conflictColumns) FROM conflicts c WHERE c.run_id = \(runId) ORDER BY c.id")
                .map(Self.storedConflict)
        }
    }

    /// Marks a conflict resolved, with how.
    public func resolveConflict(id: Int64, resolution: String) async throws {
        try await write("resolve conflict \(id)") { tx in
            try await tx.execute(
                "UPDATE conflicts SET status = 'resolved', resolution = \(resolution), resolved_at = \(tx.now) WHERE id = \(id)")
        }
    }

    /// A conflict by id, or `nil`.
    public func conflict(id: Int64) async throws -> StoredConflict? {
        try await read("read conflict \(id)") { tx in
            try await tx.rows("SELECT \(unescaped: Self.conflictColumns) FROM conflicts c WHERE c.id = \(id)").first.map(Self.storedConflict)
        }
    }

    /// Decodes a row selected with `conflictColumns`.
    static func storedConflict(_ row: PostgresRow) throws -> StoredConflict {
        let r = row.makeRandomAccess()
        let conflict = Conflict(
            fulcrumId: try r[2].decode(String.self), contactId: try r[3].decode(String.self), field: try r[4].decode(String.self),
            base: try ValueJSON.decodeValue(r[5].decode(String?.self)),
            fulcrum: try ValueJSON.decodeValue(r[6].decode(String?.self)),
            ghl: try ValueJSON.decodeValue(r[7].decode(String?.self)),
            fulcrumUpdatedAt: try r[8].decode(Date?.self), ghlUpdatedAt: try r[9].decode(Date?.self),
            winner: try r[10].decode(String?.self).flatMap(Side.init(rawValue:)), rule: try r[11].decode(String.self))
        return StoredConflict(
            id: try r[0].decode(Int64.self), runId: try r[1].decode(Int64?.self), conflict: conflict,
            status: StoredConflict.Status(rawValue: try r[12].decode(String.self)) ?? .open,
            resolution: try r[13].decode(String?.self), detectedAt: try r[14].decode(Date.self), resolvedAt: try r[15].decode(Date?.self))
    }
}

extension PostgresTransaction {
    /// Records conflicts: those with a winner or a person's decision as resolved, the others
    /// open; one met again while its row is still open keeps that row.
    func recordConflicts(_ conflicts: [Conflict], runId: Int64?) async throws -> [Int64] {
        let now = self.now
        var ids: [Int64] = []
        for conflict in conflicts {
            let resolved = conflict.winner != nil || conflict.rule == "manual-decision"
            let values = [try ValueJSON.encode(conflict.base), try ValueJSON.encode(conflict.fulcrum), try ValueJSON.encode(conflict.ghl)]
            if !resolved, let open = try await value(
                """
                SELECT id FROM conflicts
                WHERE fulcrum_id = \(conflict.fulcrumId) AND contact_id = \(conflict.contactId) AND field = \(conflict.field)
                    AND status = 'open' AND base_value IS NOT DISTINCT FROM \(values[0])
                    AND fulcrum_value IS NOT DISTINCT FROM \(values[1]) AND ghl_value IS NOT DISTINCT FROM \(values[2])
                ORDER BY id DESC LIMIT 1
                """, as: Int64.self)
            {
                try await execute(
                    """
                    UPDATE conflicts SET fulcrum_updated_at = \(conflict.fulcrumUpdatedAt), ghl_updated_at = \(conflict.ghlUpdatedAt),
                        rule = \(conflict.rule) WHERE id = \(open)
                    """)
                ids.append(open)
                continue
            }
            let status = resolved ? StoredConflict.Status.resolved.rawValue : StoredConflict.Status.open.rawValue
            let resolution: String? = resolved ? "policy:\(conflict.rule)" : nil
            let resolvedAt: Date? = resolved ? now : nil
            let id = try await value(
                """
                INSERT INTO conflicts (run_id, fulcrum_id, contact_id, field, base_value, fulcrum_value, ghl_value,
                    fulcrum_updated_at, ghl_updated_at, winner, rule, status, resolution, detected_at, resolved_at)
                VALUES (\(runId), \(conflict.fulcrumId), \(conflict.contactId), \(conflict.field), \(values[0]), \(values[1]),
                    \(values[2]), \(conflict.fulcrumUpdatedAt), \(conflict.ghlUpdatedAt), \(conflict.winner?.rawValue), \(conflict.rule),
                    \(status), \(resolution), \(now), \(resolvedAt))
                RETURNING id
                """, as: Int64.self) ?? 0
            ids.append(id)
        }
        return ids
    }
}
