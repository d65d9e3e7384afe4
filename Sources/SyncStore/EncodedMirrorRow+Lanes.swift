import Foundation

extension EncodedMirrorRow {
    /// The rows of a snapshot page, encoded on every core (`Lanes`).
    package static func encode(_ records: [MirrorRecord]) -> [EncodedMirrorRow] {
        // The transform does not throw, so neither does this.
        (try? Lanes.map(records) { $0.map(EncodedMirrorRow.init) }) ?? []
    }

    /// Compresses the raw JSON of `rows` not yet compressed against `dictionary` (and packs
    /// their projections with `packingProjections`), on every core; each lane has its own
    /// compressor.
    package static func compress(
        _ rows: inout [EncodedMirrorRow], dictionary: (id: Int64, bytes: [UInt8]), packingProjections: Bool = false
    ) throws {
        rows = try Lanes.map(rows) { slice in
            let compressor = RawCompressor(dictionary: dictionary.bytes)
            return try slice.map { row in
                guard row.compressedRaw == nil else { return row }
                var row = row
                try row.compress(with: compressor, dictionaryId: dictionary.id, packingProjection: packingProjections)
                return row
            }
        }
    }
}
