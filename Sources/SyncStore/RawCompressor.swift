import CZlib
import Foundation

/// Compresses and expands the raw API JSON kept in the mirrors, with zlib's raw deflate and a
/// preset dictionary (`RawDictionary`) per side.
///
/// One record is ~0.5-1 KB of JSON whose keys and constant values repeat in every record: on
/// its own it deflates by about half, against a dictionary holding them by about ten times
/// (measured with `fgsync-bench plan`). The stream is set up once and reset per record; the
/// hash table is kept small (`memLevel` 3) because resetting clears it every time.
/// Not shared across threads: each ingesting task makes its own.
package final class RawCompressor {
    /// Window bits of raw deflate (negative: no zlib header); 4 KB holds a dictionary and a record.
    static let windowBits: Int32 = -12
    private var stream = z_stream()
    private let dictionary: [UInt8]
    private var output: [UInt8]
    private let ready: Bool

    /// A compressor against `dictionary` (empty: none).
    package init(dictionary: [UInt8]) {
        self.dictionary = dictionary
        output = [UInt8](repeating: 0, count: 4096)
        ready = fg_deflate_init(&stream, 1, Self.windowBits, 3) == Z_OK
    }

    deinit {
        if ready { deflateEnd(&stream) }
    }

    /// The compressed bytes of `text`.
    package func compress(_ text: String) throws -> [UInt8] {
        guard ready else { throw RawCodecError.zlib("deflateInit2 failed") }
        var text = text
        return try text.withUTF8 { input in
            guard deflateReset(&stream) == Z_OK else { throw RawCodecError.zlib("deflateReset failed") }
            if !dictionary.isEmpty {
                let status = dictionary.withUnsafeBufferPointer {
                    deflateSetDictionary(&stream, $0.baseAddress, UInt32($0.count))
                }
                guard status == Z_OK else { throw RawCodecError.zlib("deflateSetDictionary failed (\(status))") }
            }
            let bound = Int(deflateBound(&stream, UInt(input.count))) + 16
            if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
            let written: Int = try output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                let status = deflate(&stream, Z_FINISH)
                guard status == Z_STREAM_END else { throw RawCodecError.zlib("deflate returned \(status)") }
                return out.count - Int(stream.avail_out)
            }
            return Array(output[0..<written])
        }
    }

    /// Expands bytes written by `compress` against the same `dictionary`.
    package static func expand(_ compressed: Data, dictionary: [UInt8]) throws -> String {
        var stream = z_stream()
        guard fg_inflate_init(&stream, windowBits) == Z_OK else { throw RawCodecError.zlib("inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        if !dictionary.isEmpty {
            let status = dictionary.withUnsafeBufferPointer {
                inflateSetDictionary(&stream, $0.baseAddress, UInt32($0.count))
            }
            guard status == Z_OK else { throw RawCodecError.zlib("inflateSetDictionary failed (\(status))") }
        }
        var result = [UInt8]()
        result.reserveCapacity(compressed.count * 12)
        var chunk = [UInt8](repeating: 0, count: 16_384)
        try compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = UInt32(input.count)
            var status: Int32 = Z_OK
            while status != Z_STREAM_END {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw RawCodecError.zlib("inflate returned \(status)")
                }
                result.append(contentsOf: chunk[0..<produced])
                if status == Z_OK && produced == 0 && stream.avail_in == 0 { throw RawCodecError.zlib("the data ends early") }
            }
        }
        guard let text = String(validating: result, as: UTF8.self) else { throw RawCodecError.zlib("the data is not UTF-8") }
        return text
    }
}

/// Raw JSON that cannot be compressed or expanded.
package enum RawCodecError: Error, CustomStringConvertible {
    case zlib(String)
    case unknownDictionary(Int64)

    package var description: String {
        switch self {
        case .zlib(let message): "zlib: \(message)"
        case .unknownDictionary(let id): "the raw JSON was compressed against dictionary \(id), which the file does not hold"
        }
    }
}
