import CZstd
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
        content.varint(UInt64(codec.count))
        content.bytes.append(contentsOf: codec)
        content.bytes.append(contentsOf: raw.utf8)
        var writer = ByteWriter(capacity: 8 + content.bytes.count / 2)
        writer.byte(tag)
        writer.varint(UInt64(dictionaryId))
        writer.bytes.append(contentsOf: try content.bytes.withUnsafeBytes { try compressor.compress(bytes: $0) })
        return Data(writer.bytes)
    }

    /// Whether `data` is packed (else it is the codec's bytes as they are).
    package static func isPacked(_ data: Data) -> Bool { data.first == tag }
}

/// Unpacks `PackedBlob`s in one read, preparing each dictionary it meets once
/// (`ZSTD_createDDict`): expanding against a dictionary given as bytes digests the whole
/// dictionary on every call, which costs more than the expansion itself. Not shared across
/// threads: each read makes its own.
package final class BlobUnpacker {
    private let dictionaries: (Int64) throws -> [UInt8]
    /// Made for the first packed blob: most reads meet none.
    private var context: OpaquePointer?
    private var prepared: [Int64: OpaquePointer] = [:]

    /// An unpacker that finds dictionaries by id with `dictionaries`.
    package init(dictionaries: @escaping (Int64) throws -> [UInt8]) {
        self.dictionaries = dictionaries
    }

    deinit {
        ZSTD_freeDCtx(context)
        for dictionary in prepared.values { ZSTD_freeDDict(dictionary) }
    }

    /// The codec bytes of a stored blob: `data` itself when it is not packed.
    package func bytes(_ data: Data) throws -> Data {
        guard PackedBlob.isPacked(data) else { return data }
        return try parts(data).codec
    }

    /// The codec bytes and the raw JSON (empty for a base state) of a packed blob.
    package func parts(_ data: Data) throws -> (codec: Data, raw: String) {
        let content = try data.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == PackedBlob.tag else { throw RawCodecError.damaged("the value is not packed") }
            let id = Int64(bitPattern: try reader.varint())
            let frame = UnsafeRawBufferPointer(rebasing: buffer[reader.offset...])
            if context == nil { context = ZSTD_createDCtx() }
            guard let context else { throw RawCodecError.damaged("zstd: could not make a context") }
            let dictionary = try prepare(id)
            return try RawCompressor.expandFrame(frame) { out in
                ZSTD_decompress_usingDDict(context, out.baseAddress, out.count, frame.baseAddress, frame.count, dictionary)
            }
        }
        return try content.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            let length = try reader.count()
            let codec = Data(buffer[reader.offset..<(reader.offset + length)])
            guard let raw = String(validating: buffer[(reader.offset + length)...], as: UTF8.self) else {
                throw RawCodecError.damaged("the packed raw JSON is not UTF-8")
            }
            return (codec, raw)
        }
    }

    private func prepare(_ id: Int64) throws -> OpaquePointer {
        if let known = prepared[id] { return known }
        let bytes = try dictionaries(id)
        guard let made = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }) else {
            throw RawCodecError.damaged("zstd: dictionary \(id) could not be prepared")
        }
        prepared[id] = made
        return made
    }
}
