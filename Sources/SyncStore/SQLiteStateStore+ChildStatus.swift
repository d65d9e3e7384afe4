import Foundation
import GRDB
import SyncCore

/// Where the children (notes, tasks, appointments) stand, for `fgsync status`.
public struct ChildrenStatus: Sendable, Hashable, Codable {
    /// One child kind's counts.
    public struct Kind: Sendable, Hashable, Codable {
        /// `notes`, `tasks` or `appointments`.
        public var kind: String
        /// Children linked on both sides (in the agreed state, not deleted on either side).
        public var linked: Int
        /// Child conflicts waiting for a person (`fgsync conflicts`).
        public var openConflicts: Int
        /// Child writes journalled whose outcome is unknown (the next run settles them first).
        public var pendingWrites: Int
        /// Child writes that failed in the last applying run (the next run plans them again).
        public var failedWrites: Int
    }

    /// The counts per kind, notes first.
    public var kinds: [Kind]
    /// Linked pairs.
    public var linkedPairs: Int
    /// Linked pairs whose contact's children have been listed (the rest are listed by the sweep).
    public var listedPairs: Int
    /// The run that made the oldest listing of a linked pair.
    public var oldestListingRun: Int64?
    /// When that run started (ISO).
    public var oldestListingAt: String?
}

extension SQLiteStateStore {
    /// The children's counts, each from one aggregate query: linked children per kind, open
    /// child conflicts, child writes pending or failed in the journal, and how far the rolling
    /// listing (`children.sweep`) got. `nil` for a state file from before children (schema
    /// `v4-children`, opened read-only and so not upgraded).
    public func childrenStatus() async throws -> ChildrenStatus? {
        try await read("read the children's status") { db in
            guard try db.tableExists("child_base"), try db.tableExists("ghl_children") else { return nil }
            // The agreed children are one JSON array per pair: SQLite counts them without the
            // rows leaving the database.
            var linked: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT json_extract(item.value, '$.kind') AS kind, COUNT(*) AS count
                    FROM child_base, json_each(child_base.children) AS item
                    WHERE json_extract(item.value, '$.deletedSide') IS NULL
                        AND json_extract(item.value, '$.ghlId') <> '' AND json_extract(item.value, '$.fulcrumItemId') <> ''
                    GROUP BY kind
                    """)
            {
                linked[row["kind"] ?? ""] = row["count"]
            }
            var conflicts: [String: Int] = [:]
            var pending: [String: Int] = [:]
            var failed: [String: Int] = [:]
            let lastApplied = try Int64.fetchOne(
                db, sql: "SELECT MAX(id) FROM runs WHERE mode <> 'dry-run' AND outcome IS NOT NULL AND outcome <> 'refused'")
            for kind in ChildKind.allCases {
                let key = kind.configKey
                conflicts[key] = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM conflicts WHERE status = 'open' AND field LIKE ?", arguments: ["\(key)[%"]) ?? 0
                let operationKinds = Self.operationKinds(of: kind)
                let marks = databaseQuestionMarks(count: operationKinds.count)
                pending[key] = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM journal WHERE state = 'pending' AND kind IN (\(marks))",
                    arguments: StatementArguments(operationKinds)) ?? 0
                failed[key] = try lastApplied.map { run in
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM journal WHERE run_id = ? AND state = 'failed' AND kind IN (\(marks))",
                        arguments: StatementArguments([run.databaseValue] + operationKinds.map(\.databaseValue))) ?? 0
                } ?? 0
            }
            let linkedPairs = try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM base) + (SELECT COUNT(*) FROM links)") ?? 0
            let listing = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS listed, MIN(ghl_children.listed_run) AS oldest
                    FROM ghl_children JOIN (SELECT contact_id FROM base UNION ALL SELECT contact_id FROM links) l
                        ON l.contact_id = ghl_children.contact_id
                    """)
            let oldest: Int64? = listing?["oldest"]
            let oldestAt = try oldest.flatMap { try String.fetchOne(db, sql: "SELECT started_at FROM runs WHERE id = ?", arguments: [$0]) }
            return ChildrenStatus(
                kinds: ChildKind.allCases.map { kind in
                    ChildrenStatus.Kind(
                        kind: kind.configKey, linked: linked[kind.rawValue] ?? 0, openConflicts: conflicts[kind.configKey] ?? 0,
                        pendingWrites: pending[kind.configKey] ?? 0, failedWrites: failed[kind.configKey] ?? 0)
                },
                linkedPairs: linkedPairs, listedPairs: listing?["listed"] ?? 0, oldestListingRun: oldest, oldestListingAt: oldestAt)
        }
    }

    /// The journal's operation kinds that write a child of `kind` (a `linkChild`, which writes
    /// back the id of whichever child GHL created, belongs to no one kind and is not counted).
    static func operationKinds(of kind: ChildKind) -> [String] {
        Operation.Kind.allCases.filter { $0.childKind == kind }.map(\.rawValue)
    }
}
