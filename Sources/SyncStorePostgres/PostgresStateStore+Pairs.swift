import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Streams every linked pair in Fulcrum id order, `batchSize` pairs at a time, each batch
    /// read in its own short transaction by keyset paging (the next one while `body` runs).
    public func forEachLinkedPair(
        batchSize: Int, _ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void
    ) async throws {
        try await KeysetStream.inKeyOrder(
            batchSize: batchSize, fetch: { after, limit in try await self.linkedPairs(after: after, limit: limit) },
            key: { $0.0.fulcrumId }, body)
    }

    /// Up to `limit` linked pairs after Fulcrum id `after`, decoded.
    func linkedPairs(after: String?, limit: Int) async throws -> [(PairBase, RecordState?, RecordState?)] {
        try await read("read linked pairs") { tx in
            var decoder = ProjectionDecoder()
            return try await tx.pairRows(after: after, limit: limit).map { try Self.decodePair($0, decoder: &decoder) }
        }
    }

    /// The linked pairs whose Fulcrum id is in `fulcrumIds` or whose contact id is in
    /// `contactIds`, in Fulcrum id order.
    public func linkedPairs(fulcrumIds: Set<String>, contactIds: Set<String>) async throws -> [(PairBase, RecordState?, RecordState?)] {
        try await read("read the touched pairs") { tx in
            var decoder = ProjectionDecoder()
            let rows = try await tx.rows(
                """
                \(unescaped: Self.pairSelect) WHERE b.fulcrum_id = ANY(\(Array(fulcrumIds))) OR b.contact_id = ANY(\(Array(contactIds)))
                ORDER BY b.fulcrum_id
                """)
            return try rows.map { try Self.decodePair($0, decoder: &decoder) }
        }
    }

    /// Projections of `side`'s mirrored records that belong to no base, by id.
    public func unlinkedRecords(_ side: Side) async throws -> [RecordState] {
        try await read("read unlinked \(side.rawValue) records") { tx in
            var decoder = ProjectionDecoder()
            return try await tx.rows(
                """
                SELECT m.projection FROM \(unescaped: side.mirrorTable) m
                WHERE NOT EXISTS (SELECT 1 FROM base b WHERE b.\(unescaped: side.baseColumn) = m.id) ORDER BY m.id
                """
            ).map { try decoder.decode(try $0.decode(Data.self)) }
        }
    }

    /// Of the records `ids` of `side`, the mirrored ones that belong to no base, by id.
    public func unlinkedRecords(_ side: Side, among ids: Set<String>) async throws -> [RecordState] {
        guard !ids.isEmpty else { return [] }
        return try await read("read unlinked \(side.rawValue) records") { tx in
            var decoder = ProjectionDecoder()
            return try await tx.rows(
                """
                SELECT m.projection FROM \(unescaped: side.mirrorTable) m
                WHERE m.id = ANY(\(Array(ids))) AND NOT EXISTS (SELECT 1 FROM base b WHERE b.\(unescaped: side.baseColumn) = m.id)
                ORDER BY m.id
                """
            ).map { try decoder.decode(try $0.decode(Data.self)) }
        }
    }

    /// Every base and both mirrors, in one consistent read (small states and tests).
    public func loadAll() async throws -> StoreContents {
        try await read("load the state") { tx in
            var decoder = ProjectionDecoder()
            var contents = StoreContents(bases: [], fulcrum: [], ghl: [])
            for row in try await tx.rows("SELECT fulcrum_id, contact_id, state, deleted_side FROM base ORDER BY fulcrum_id") {
                contents.bases.append(try Self.decodeBase(row, decoder: &decoder))
            }
            for side in Side.allCases {
                let records = try await tx.rows("SELECT projection FROM \(unescaped: side.mirrorTable) ORDER BY id")
                    .map { try decoder.decode(try $0.decode(Data.self)) }
                if side == .fulcrum { contents.fulcrum = records } else { contents.ghl = records }
            }
            return contents
        }
    }

    /// The base of one pair, or `nil` when the Fulcrum record has none.
    public func base(fulcrumId: String) async throws -> PairBase? {
        try await read("read the base of Fulcrum record \(fulcrumId)") { tx in
            guard let row = try await tx.rows(
                "SELECT fulcrum_id, contact_id, state, deleted_side FROM base WHERE fulcrum_id = \(fulcrumId)").first
            else { return nil }
            var decoder = ProjectionDecoder()
            return try Self.decodeBase(row, decoder: &decoder)
        }
    }

    /// The number of live linked pairs (bases that are not tombstones of a delete).
    public func liveBaseCount() async throws -> Int {
        try await read("count live bases") { tx in
            try await tx.value("SELECT count(*) FROM base WHERE deleted_side IS NULL", as: Int.self) ?? 0
        }
    }

    /// The number of linked pairs with a base.
    public func baseCount() async throws -> Int {
        try await read("count bases") { tx in try await tx.value("SELECT count(*) FROM base", as: Int.self) ?? 0 }
    }

    // MARK: - Decoding rows

    /// The base and both mirrors of each pair, joined; callers add WHERE, ORDER and LIMIT.
    static let pairSelect = """
        SELECT b.fulcrum_id, b.contact_id, b.state, b.deleted_side, f.projection, g.projection,
            b.fulcrum_digest = f.digest, b.ghl_digest = g.digest
        FROM base b
        LEFT JOIN fulcrum_records f ON f.id = b.fulcrum_id
        LEFT JOIN ghl_contacts g ON g.id = b.contact_id
        """

    /// One row of `pairSelect`, its columns by position.
    typealias PairColumns = (String, String, Data, String?, Data?, Data?, Bool?, Bool?)

    /// Decodes one row selected with `pairSelect`.
    static func decodePair(_ row: PostgresRow, decoder: inout ProjectionDecoder) throws -> (PairBase, RecordState?, RecordState?) {
        let columns = try row.decode(PairColumns.self)
        let base = try decodeBase(columns, decoder: &decoder)
        // In a live pair with both sides present, a side whose digest equals the base's agrees with it.
        let live = base.deletedSide == nil && columns.4 != nil && columns.5 != nil
        let fulcrum = try columns.4.map { live && columns.6 == true ? try decoder.decode($0, agreeingWith: base) : try decoder.decode($0) }
        let ghl = try columns.5.map { live && columns.7 == true ? try decoder.decode($0, agreeingWith: base) : try decoder.decode($0) }
        return (base, fulcrum, ghl)
    }

    /// Decodes `fulcrum_id, contact_id, state, deleted_side` (the first four columns).
    static func decodeBase(_ row: PostgresRow, decoder: inout ProjectionDecoder) throws -> PairBase {
        let (fulcrumId, contactId, state, deletedSide) = try row.decode((String, String, Data, String?).self)
        return try decodeBase((fulcrumId, contactId, state, deletedSide, nil, nil, nil, nil), decoder: &decoder)
    }

    static func decodeBase(_ columns: PairColumns, decoder: inout ProjectionDecoder) throws -> PairBase {
        let state = try decoder.decodeBase(columns.2)
        return PairBase(
            fulcrumId: columns.0, contactId: columns.1, fields: state.fields, tags: state.tags,
            deletedSide: columns.3.flatMap(Side.init(rawValue:)))
    }
}

extension PostgresTransaction {
    /// Up to `limit` rows of `pairSelect` after Fulcrum id `after`, in Fulcrum id order.
    func pairRows(after: String?, limit: Int) async throws -> [PostgresRow] {
        if let after {
            return try await rows(
                "\(unescaped: PostgresStateStore.pairSelect) WHERE b.fulcrum_id > \(after) ORDER BY b.fulcrum_id LIMIT \(limit)")
        }
        return try await rows("\(unescaped: PostgresStateStore.pairSelect) ORDER BY b.fulcrum_id LIMIT \(limit)")
    }
}
