import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Streams every linked pair as `forEachLinkedPair(batchSize:_:)` does, except that a live
    /// pair with both sides present whose two digests equal its base's comes as `.agreeing`,
    /// undecoded but for the base's values of `keys`.
    public func forEachLinkedPair(
        batchSize: Int, keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void
    ) async throws {
        try await KeysetStream.inKeyOrder(
            batchSize: batchSize,
            fetch: { after, limit in try await self.streamedPairs(after: after, limit: limit, keeping: keys) },
            key: { $0.fulcrumId }, body)
    }

    /// Up to `limit` linked pairs after Fulcrum id `after`, agreeing ones left undecoded.
    func streamedPairs(after: String?, limit: Int, keeping keys: Set<String>) async throws -> [LinkedPair] {
        try await read("read linked pairs") { tx in
            var decoder = ProjectionDecoder()
            var batch: [LinkedPair] = []
            batch.reserveCapacity(limit)
            for row in try await tx.pairRows(after: after, limit: limit) {
                let columns = try row.decode(PairColumns.self)
                if columns.3 == nil, columns.4 != nil, columns.5 != nil, columns.6 == true, columns.7 == true {
                    let fields = try keys.isEmpty ? [:] : decoder.decodeBase(columns.2, keeping: keys)
                    batch.append(.agreeing(AgreeingPair(fulcrumId: columns.0, contactId: columns.1, fields: fields)))
                } else {
                    let (base, fulcrum, ghl) = try Self.decodePair(row, decoder: &decoder)
                    batch.append(.decoded(base, fulcrum, ghl))
                }
            }
            return batch
        }
    }
}
