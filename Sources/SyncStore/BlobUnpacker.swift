import CZstd
import Foundation

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
