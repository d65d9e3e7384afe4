import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Streams every linked pair as `forEachLinkedPair(batchSize:_:)` does, except that a live
    /// pair with both sides present whose two digests equal its base's comes as `.agreeing`:
    /// neither its base nor its sides are decoded (the digests cover each field's canonical value,
    /// the tag keys and the link, and are only stored for a projection without issues), and only
    /// the base's values of `keys` are read (the planner's match keys, when an unlinked record
    /// may match a linked one).
    public func forEachLinkedPair(
        batchSize: Int = 1000, keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void
    ) async throws {
        try await KeysetStream.inKeyOrder(
            batchSize: batchSize, readers: Self.streamReaders,
            fetch: { after, limit, skipping in
                try await self.streamedPairs(after: after, limit: limit, skipping: skipping, keeping: keys)
            },
            key: { $0.fulcrumId }, body)
    }

    /// Up to `limit` linked pairs after Fulcrum id `after`, past the first `skipping`, agreeing
    /// ones left undecoded.
    func streamedPairs(after: String?, limit: Int, skipping: Int, keeping keys: Set<String>) async throws -> [LinkedPair] {
        try await read("read linked pairs") { db in
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            let rows = try Self.pairRows(db, after: after, limit: limit, skipping: skipping, select: Self.flaggedPairSelect)
            var batch: [LinkedPair] = []
            batch.reserveCapacity(limit)
            while let row = try rows.next() {
                if Self.bothSidesAgree(row) {
                    let fields = try keys.isEmpty ? [:] : row.withUnsafeData(atIndex: 2) { data in
                        try decoder.decodeBase(data ?? Data(), keeping: keys)
                    }
                    batch.append(.agreeing(AgreeingPair(
                        fulcrumId: try row.decode(String.self, atIndex: 0), contactId: try row.decode(String.self, atIndex: 1),
                        fields: fields)))
                } else {
                    let (base, fulcrum, ghl) = try Self.decodePair(row, decoder: &decoder)
                    batch.append(.decoded(base, fulcrum, ghl))
                }
            }
            return batch
        }
    }

    /// Whether a row of `pairSelect` is a live pair whose two sides are present and carry the
    /// digests their base records for them.
    static func bothSidesAgree(_ row: Row) -> Bool {
        row.hasNull(atIndex: 3) && !row.hasNull(atIndex: 4) && !row.hasNull(atIndex: 5)
            && row[6] as Int64? == 1 && row[7] as Int64? == 1
    }
}
