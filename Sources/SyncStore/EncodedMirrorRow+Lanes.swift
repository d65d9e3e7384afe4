import Foundation

extension EncodedMirrorRow {
    /// The rows of a snapshot page, encoded on every core (`Lanes`).
    package static func encode(_ records: [MirrorRecord]) -> [EncodedMirrorRow] {
        // The transform does not throw, so neither does this.
        (try? Lanes.map(records) { $0.map(EncodedMirrorRow.init) }) ?? []
    }

    /// Compresses the raw JSON of `rows` not yet compressed against `dictionary` (and packs
    /// their projections with `packingProjections`), on every core; each lane has its own
    /// compressor, from `pool` when given.
    package static func compress(
        _ rows: inout [EncodedMirrorRow], dictionary: (id: Int64, bytes: [UInt8]), packingProjections: Bool = false,
        pool: RawCompressorPool? = nil
    ) throws {
        rows = try Lanes.map(rows) { slice in
            try withCompressor(dictionary, pool: pool) { compressor in
                try slice.map { row in
                    guard row.compressedRaw == nil else { return row }
                    var row = row
                    try row.compress(with: compressor, dictionaryId: dictionary.id, packingProjection: packingProjections)
                    return row
                }
            }
        }
    }

    /// The rows of a snapshot page encoded and compressed in one pass on every core: for a
    /// page known to be all new (a first snapshot), against the side's `dictionary`.
    package static func encodeCompressed(
        _ records: [MirrorRecord], dictionary: (id: Int64, bytes: [UInt8]), packingProjections: Bool, pool: RawCompressorPool
    ) throws -> [EncodedMirrorRow] {
        try Lanes.map(records) { slice in
            try withCompressor(dictionary, pool: pool) { compressor in
                guard packingProjections, dictionary.id != 0 else {
                    return try slice.map { record in
                        var row = EncodedMirrorRow(record)
                        try row.compress(with: compressor, dictionaryId: dictionary.id)
                        return row
                    }
                }
                var scratch = EncodingScratch()
                return try slice.map { record in
                    try EncodedMirrorRow(record, packedWith: compressor, dictionaryId: dictionary.id, scratch: &scratch)
                }
            }
        }
    }

    /// `body` with a compressor against `dictionary`, taken from `pool` and given back after.
    private static func withCompressor<Result>(
        _ dictionary: (id: Int64, bytes: [UInt8]), pool: RawCompressorPool?, _ body: (RawCompressor) throws -> Result
    ) rethrows -> Result {
        let compressor = pool?.take(dictionary) ?? RawCompressor(dictionary: dictionary.bytes)
        defer { pool?.give(compressor, id: dictionary.id) }
        return try body(compressor)
    }
}

extension EncodedMirrorRow {
    /// The positions of `rows` in id order, a later duplicate (overlapping pages) after an
    /// earlier one, so it is written last and wins. Sorting positions moves 8 bytes a row where
    /// sorting the rows would copy (and retain) every one of them, and most comparisons are of
    /// the ids' first 8 bytes as one integer (byte order, as SQLite orders the ids).
    package static func idOrder(_ rows: [EncodedMirrorRow]) -> [Int] {
        let prefixes = rows.map { idPrefix($0.id) }
        return rows.indices.sorted { left, right in
            if prefixes[left] != prefixes[right] { return prefixes[left] < prefixes[right] }
            let a = rows[left].id
            let b = rows[right].id
            return a < b || (a == b && left < right)
        }
    }

    /// The first 8 UTF-8 bytes of `id`, big-endian (zeros past its end).
    static func idPrefix(_ id: String) -> UInt64 {
        var prefix: UInt64 = 0
        var taken = 0
        for byte in id.utf8.prefix(8) {
            prefix = prefix << 8 | UInt64(byte)
            taken += 1
        }
        return taken == 8 ? prefix : prefix << (8 * UInt64(8 - taken))
    }

    /// `rows` sorted by `idOrder`.
    package static func inIdOrder(_ rows: [EncodedMirrorRow]) -> [EncodedMirrorRow] {
        idOrder(rows).map { rows[$0] }
    }
}
