import CZlib
import Foundation

extension RawCompressor {
    /// Window bits of the raw deflate (negative: no zlib header) that fgsync wrote before it
    /// used Zstandard; 4 KB held a dictionary and a record.
    static let windowBits: Int32 = -12

    /// The bytes of a raw deflate stream, as rows written before Zstandard hold them.
    static func inflate(_ compressed: Data, dictionary: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard fg_inflate_init(&stream, windowBits) == Z_OK else { throw RawCodecError.damaged("zlib: inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        if !dictionary.isEmpty {
            let status = dictionary.withUnsafeBufferPointer {
                inflateSetDictionary(&stream, $0.baseAddress, UInt32($0.count))
            }
            guard status == Z_OK else { throw RawCodecError.damaged("zlib: inflateSetDictionary failed (\(status))") }
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
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw RawCodecError.damaged("zlib: inflate returned \(status)")
                }
                result.append(contentsOf: chunk[0..<produced])
                if status == Z_OK && produced == 0 && stream.avail_in == 0 { throw RawCodecError.damaged("zlib: the data ends early") }
            }
        }
        return result
    }
}
