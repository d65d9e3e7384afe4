import Foundation

/// A projection or base state as the state file stores it from schema v7: the tag byte `Z`,
/// the id of the `raw_dictionaries` row it was compressed against (a varint), then one
/// Zstandard frame of the `ProjectionCodec` bytes (after their length, a varint) followed by
/// the record's raw JSON, when it is a mirror row's.
///
/// A mirror row packed this way keeps its raw JSON in the one frame and leaves its `raw`
/// column empty: the projection repeats the raw JSON's values, which one frame stores once.
/// Against a side's trained dictionary a row's projection and raw JSON take about 200 bytes
/// where apart they took 265 (and uncompressed projections 280 on their own), and a base state
/// about 70 where it took 215 (`fgsync-bench plan`). The codec's own first byte is `R` or `B`,
/// never `Z`, so rows written before v7, and rows written while a side had no dictionary yet,
/// are read as they are. Only the SQLite file packs: `exportRows` hands a copy the codec's
/// bytes and separately compressed raw JSON, so PostgreSQL never sees a packed blob.
package enum PackedBlob {
    static let tag: UInt8 = 0x5A  // "Z"

    /// `codec` (and `raw`, a mirror row's raw JSON) packed with `compressor`, which compresses
    /// against dictionary `dictionaryId`.
    package static func pack(_ codec: Data, raw: String = "", dictionaryId: Int64, with compressor: RawCompressor) throws -> Data {
        var content = ByteWriter(capacity: 4 + codec.count + raw.utf8.count)
        return try codec.withUnsafeBytes { try pack(codec: $0, raw: raw, dictionaryId: dictionaryId, with: compressor, content: &content) }
    }

    /// `pack(_:raw:dictionaryId:with:)` of the codec's bytes `codec`, gathering what is
    /// compressed in `content` (emptied first; a buffer reused record after record).
    static func pack(
        codec: UnsafeRawBufferPointer, raw: String, dictionaryId: Int64, with compressor: RawCompressor, content: inout ByteWriter
    ) throws -> Data {
        content.reset()
        content.varint(UInt64(codec.count))
        content.bytes.append(contentsOf: codec)
        content.bytes.append(contentsOf: raw.utf8)
        var header = ByteWriter(capacity: 0)
        header.byte(tag)
        header.varint(UInt64(dictionaryId))
        return try content.bytes.withUnsafeBytes { try compressor.compress(bytes: $0, after: header.bytes) }
    }

    /// Whether `data` is packed (else it is the codec's bytes as they are).
    package static func isPacked(_ data: Data) -> Bool { data.first == tag }
}
