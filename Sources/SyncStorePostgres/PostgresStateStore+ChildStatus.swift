import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// The children's counts, each from one aggregate query (see `StateStore.childrenStatus`).
    public func childrenStatus() async throws -> ChildrenStatus? {
        try await read("read the children's status") { tx in
            var linked: [String: Int] = [:]
            for row in try await tx.rows(
                """
                SELECT item ->> 'kind', count(*)
                FROM child_base, jsonb_array_elements(child_base.children::jsonb) AS item
                WHERE item ->> 'deletedSide' IS NULL AND item ->> 'ghlId' <> '' AND item ->> 'fulcrumItemId' <> ''
                GROUP BY 1
                """)
            {
                let (kind, count) = try row.decode((String?, Int).self)
                linked[kind ?? ""] = count
            }
            var conflicts: [String: Int] = [:]
            var pending: [String: Int] = [:]
            var failed: [String: Int] = [:]
            let lastApplied = try await tx.value(
                "SELECT max(id) FROM runs WHERE mode <> 'dry-run' AND outcome IS NOT NULL AND outcome <> 'refused'", as: Int64.self)
            for kind in ChildKind.allCases {
                let key = kind.configKey
                let operationKinds = SQLiteStateStore.operationKinds(of: kind)
                conflicts[key] = try await tx.value(
                    "SELECT count(*) FROM conflicts WHERE status = 'open' AND field LIKE \("\(key)[%")", as: Int.self) ?? 0
                pending[key] = try await tx.value(
                    "SELECT count(*) FROM journal WHERE state = 'pending' AND kind = ANY(\(operationKinds))", as: Int.self) ?? 0
                if let lastApplied {
                    failed[key] = try await tx.value(
                        "SELECT count(*) FROM journal WHERE run_id = \(lastApplied) AND state = 'failed' AND kind = ANY(\(operationKinds))",
                        as: Int.self) ?? 0
                }
            }
            let linkedPairs = try await tx.value("SELECT (SELECT count(*) FROM base) + (SELECT count(*) FROM links)", as: Int.self) ?? 0
            let listing = try await tx.rows(
                """
                SELECT count(*), min(ghl_children.listed_run)
                FROM ghl_children JOIN (SELECT contact_id FROM base UNION ALL SELECT contact_id FROM links) l
                    ON l.contact_id = ghl_children.contact_id
                """
            ).first?.decode((Int, Int64?).self)
            let oldest = listing?.1
            var oldestAt: String?
            if let oldest {
                // As the state file writes times: UTC, milliseconds.
                oldestAt = try await tx.value(
                    "SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') FROM runs WHERE id = \(oldest)",
                    as: String.self)
            }
            return ChildrenStatus(
                kinds: ChildKind.allCases.map { kind in
                    ChildrenStatus.Kind(
                        kind: kind.configKey, linked: linked[kind.rawValue] ?? 0, openConflicts: conflicts[kind.configKey] ?? 0,
                        pendingWrites: pending[kind.configKey] ?? 0, failedWrites: failed[kind.configKey] ?? 0)
                },
                linkedPairs: linkedPairs, listedPairs: listing?.0 ?? 0, oldestListingRun: oldest, oldestListingAt: oldestAt)
        }
    }
}
