import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Streams every linked pair (each base with both sides' projections) in Fulcrum id order,
    /// `batchSize` pairs at a time; a side missing from its mirror is `nil`.
    ///
    /// Memory stays constant: each batch is read in its own short read transaction by keyset
    /// paging (`fulcrum_id > last`), so the writer is never held back by a long read, and the
    /// next batches are read and decoded, one a core (`KeysetStream`) on GRDB's reader queues
    /// rather than cooperative threads, while `body` runs. Pairs written while streaming may or
    /// may not be seen, but no other pair is skipped or repeated; plan from a quiet file.
    /// If `body` throws, streaming stops and the error is rethrown.
    public func forEachLinkedPair(
        batchSize: Int = 1000,
        _ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void
    ) async throws {
        try await KeysetStream.inKeyOrder(
            batchSize: batchSize, readers: Self.streamReaders,
            fetch: { after, limit, skipping in try await self.linkedPairs(after: after, limit: limit, skipping: skipping) },
            key: { $0.0.fulcrumId }, body)
    }

    /// Readers a stream of linked pairs keeps busy at once (`KeysetStream`): one a core, up
    /// to four of the pool's five reader connections.
    static let streamReaders = min(4, Lanes.count)

    /// Up to `limit` linked pairs after Fulcrum id `after`, past the first `skipping`, decoded.
    func linkedPairs(after: String?, limit: Int, skipping: Int) async throws -> [(PairBase, RecordState?, RecordState?)] {
        try await read("read linked pairs") { db in
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            let rows = try Self.pairRows(db, after: after, limit: limit, skipping: skipping)
            return try Self.decodePairs(rows, capacity: limit, decoder: &decoder)
        }
    }

    /// The linked pairs whose Fulcrum id is in `fulcrumIds` or whose contact id is in
    /// `contactIds`, in Fulcrum id order: what a delta pass plans when it touched only these.
    public func linkedPairs(fulcrumIds: Set<String>, contactIds: Set<String>) async throws -> [(PairBase, RecordState?, RecordState?)] {
        try await read("read the touched pairs") { db in
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            var found: [String: (PairBase, RecordState?, RecordState?)] = [:]
            // In chunks, well under SQLite's limit on bound parameters.
            for (column, ids) in [("b.fulcrum_id", fulcrumIds), ("b.contact_id", contactIds)] {
                try Self.inChunks(ids.sorted()) { marks, arguments in
                    let rows = try Row.fetchCursor(db, sql: Self.pairSelect + " WHERE \(column) IN (\(marks))", arguments: arguments)
                    for pair in try Self.decodePairs(rows, capacity: 500, decoder: &decoder) {
                        found[pair.0.fulcrumId] = pair
                    }
                }
            }
            return found.keys.sorted().compactMap { found[$0] }
        }
    }

    /// Projections of `side`'s mirrored records that belong to no base (not yet linked), by id.
    public func unlinkedRecords(_ side: Side) async throws -> [RecordState] {
        try await read("read unlinked \(side.rawValue) records") { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT projection FROM \(side.mirrorTable)
                    WHERE id NOT IN (SELECT \(side.baseColumn) FROM base) ORDER BY id
                    """)
            var result: [RecordState] = []
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            while let row = try rows.next() {
                result.append(try row.withUnsafeData(atIndex: 0) { try decoder.decode($0 ?? Data()) })
            }
            return result
        }
    }

    /// Of the records `ids` of `side`, the mirrored ones that belong to no base, by id: what
    /// a delta pass that touched only `ids` may have to match or create.
    public func unlinkedRecords(_ side: Side, among ids: Set<String>) async throws -> [RecordState] {
        guard !ids.isEmpty else { return [] }
        return try await read("read unlinked \(side.rawValue) records") { db in
            var result: [RecordState] = []
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            try Self.inChunks(ids.sorted()) { marks, arguments in
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT projection FROM \(side.mirrorTable) m
                        WHERE m.id IN (\(marks)) AND NOT EXISTS (SELECT 1 FROM base b WHERE b.\(side.baseColumn) = m.id)
                        ORDER BY m.id
                        """,
                    arguments: arguments)
                while let row = try rows.next() {
                    result.append(try row.withUnsafeData(atIndex: 0) { try decoder.decode($0 ?? Data()) })
                }
            }
            return result.sorted { $0.id < $1.id }
        }
    }

    /// Loads every base and both mirrors at once, in one consistent read. For small files and
    /// tests; use `forEachLinkedPair` and `unlinkedRecords` for large ones.
    public func loadAll() async throws -> StoreContents {
        try await read("load the state") { db in
            let bases = try Row.fetchCursor(
                db, sql: "SELECT fulcrum_id, contact_id, state, deleted_side FROM base ORDER BY fulcrum_id")
            var contents = StoreContents(bases: [], fulcrum: [], ghl: [])
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            while let row = try bases.next() {
                contents.bases.append(try Self.decodeBase(row, decoder: &decoder))
            }
            for side in Side.allCases {
                let rows = try Row.fetchCursor(db, sql: "SELECT projection FROM \(side.mirrorTable) ORDER BY id")
                var records: [RecordState] = []
                while let row = try rows.next() {
                    records.append(try row.withUnsafeData(atIndex: 0) { try decoder.decode($0 ?? Data()) })
                }
                if side == .fulcrum { contents.fulcrum = records } else { contents.ghl = records }
            }
            return contents
        }
    }

    /// The base of one pair, or `nil` when the Fulcrum record has none.
    public func base(fulcrumId: String) async throws -> PairBase? {
        try await read("read the base of Fulcrum record \(fulcrumId)") { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT fulcrum_id, contact_id, state, deleted_side FROM base WHERE fulcrum_id = ?",
                arguments: [fulcrumId])
            else { return nil }
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            return try Self.decodeBase(row, decoder: &decoder)
        }
    }

    /// The number of live linked pairs (bases that are not tombstones of a delete).
    public func liveBaseCount() async throws -> Int {
        try await read("count live bases") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM base WHERE deleted_side IS NULL") ?? 0
        }
    }

    /// The number of linked pairs with a base.
    public func baseCount() async throws -> Int {
        try await read("count bases") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM base") ?? 0 }
    }

    // MARK: - Decoding rows

    /// Up to `limit` rows of `select` (`pairSelect` or `flaggedPairSelect`) after Fulcrum id
    /// `after`, past the first `skipping` of them, in Fulcrum id order.
    static func pairRows(
        _ db: Database, after: String?, limit: Int, skipping: Int, select: String = pairSelect
    ) throws -> RowCursor {
        // Two statements rather than `? IS NULL OR ...`, so SQLite walks the primary key index.
        if let after {
            let statement = try db.cachedStatement(sql: select + " WHERE b.fulcrum_id > ? ORDER BY b.fulcrum_id LIMIT ? OFFSET ?")
            return try Row.fetchCursor(statement, arguments: [after, limit, skipping])
        }
        let statement = try db.cachedStatement(sql: select + " ORDER BY b.fulcrum_id LIMIT ? OFFSET ?")
        return try Row.fetchCursor(statement, arguments: [limit, skipping])
    }

    /// The base and both mirrors of each pair, joined; callers add WHERE, ORDER and LIMIT.
    static let pairSelect = """
        SELECT b.fulcrum_id, b.contact_id, b.state, b.deleted_side, f.projection, g.projection,
            b.fulcrum_digest = f.digest, b.ghl_digest = g.digest
        FROM base b
        LEFT JOIN fulcrum_records f ON f.id = b.fulcrum_id
        LEFT JOIN ghl_contacts g ON g.id = b.contact_id
        """

    /// The columns of `pairSelect` from `base` alone, by its agreement flags (schema v8): a
    /// live pair whose two flags are set has both rows, agreeing, so its mirrors are not read
    /// and an empty blob stands for each projection; any other pair's rows are looked up.
    static let flaggedPairSelect = """
        SELECT b.fulcrum_id, b.contact_id, b.state, b.deleted_side,
            CASE WHEN \(bothFlagged) THEN X'' ELSE (SELECT projection FROM fulcrum_records WHERE id = b.fulcrum_id) END,
            CASE WHEN \(bothFlagged) THEN X'' ELSE (SELECT projection FROM ghl_contacts WHERE id = b.contact_id) END,
            b.fulcrum_agrees, b.ghl_agrees
        FROM base b
        """
    private static let bothFlagged = "b.deleted_side IS NULL AND b.fulcrum_agrees = 1 AND b.ghl_agrees = 1"

    /// Decodes rows selected with `pairSelect` or `flaggedPairSelect`.
    static func decodePairs(
        _ rows: RowCursor, capacity: Int, decoder: inout ProjectionDecoder
    ) throws -> [(PairBase, RecordState?, RecordState?)] {
        var batch: [(PairBase, RecordState?, RecordState?)] = []
        batch.reserveCapacity(capacity)
        while let row = try rows.next() { batch.append(try decodePair(row, decoder: &decoder)) }
        return batch
    }

    /// Decodes one row selected with `pairSelect`.
    static func decodePair(_ row: Row, decoder: inout ProjectionDecoder) throws -> (PairBase, RecordState?, RecordState?) {
        let base = try decodeBase(row, decoder: &decoder)
        // In a live pair with both sides present, a side whose digest equals the base's
        // agrees with it: its fields and tags are handed over as the base's.
        let live = base.deletedSide == nil && !row.hasNull(atIndex: 4) && !row.hasNull(atIndex: 5)
        let fulcrum = try decodeSide(row, index: 4, agrees: live && row[6] as Bool? == true, base: base, decoder: &decoder)
        let ghl = try decodeSide(row, index: 5, agrees: live && row[7] as Bool? == true, base: base, decoder: &decoder)
        return (base, fulcrum, ghl)
    }

    /// Decodes one side's projection column (`nil`: not in the mirror).
    static func decodeSide(
        _ row: Row, index: Int, agrees: Bool, base: PairBase, decoder: inout ProjectionDecoder
    ) throws -> RecordState? {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { return nil }
            return agrees ? try decoder.decode(data, agreeingWith: base) : try decoder.decode(data)
        }
    }

    /// Decodes `fulcrum_id, contact_id, state, deleted_side` (the first four columns).
    ///
    /// By position on purpose: every caller names these columns in its own SELECT list (never
    /// `SELECT *`), so positions follow the statement, not the table; the pair stream reads a
    /// million rows this way, and its two `projection` columns share a name.
    static func decodeBase(_ row: Row, decoder: inout ProjectionDecoder) throws -> PairBase {
        let fulcrumId = try row.decode(String.self, atIndex: 0)
        let contactId = try row.decode(String.self, atIndex: 1)
        let state = try row.withUnsafeData(atIndex: 2) { data in
            try decoder.decodeBase(data ?? Data())
        }
        let deletedSide = try row.decode(String?.self, atIndex: 3).flatMap(Side.init(rawValue:))
        return PairBase(
            fulcrumId: fulcrumId, contactId: contactId, fields: state.fields, tags: state.tags, deletedSide: deletedSide)
    }
}
