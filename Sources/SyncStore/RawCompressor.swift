import CZstd
import Foundation

/// Compresses and expands the raw API JSON kept in the mirrors, against a preset dictionary
/// (`RawDictionary`) per side.
///
/// One record is ~0.5-1 KB of JSON whose keys and constant values repeat in every record: on
/// its own it compresses by about half, against a dictionary holding them by about three times
/// more. New rows are Zstandard frames against the dictionary, prepared once per compressor
/// (`ZSTD_CDict`): 3.7 µs a record where raw deflate took 12-13 µs, at the same size (measured
/// with `fgsync-bench codec`). Rows an earlier fgsync wrote with raw deflate stay as they are
/// and still expand: a frame starts with Zstandard's magic number, which no deflate stream can
/// (`RawCompressor+Deflate`).
/// Not shared across threads: each ingesting task or lane makes its own.
package final class RawCompressor {
    /// Zstandard's level 1: its fastest level that still matches deflate's size on records.
    static let level: Int32 = 1
    /// The four bytes every Zstandard frame starts with (0xFD2FB528, little-endian).
    static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// The largest record `expand` will make: a frame that claims more is damaged.
    static let largestExpansion: UInt64 = 256 << 20

    private let context: OpaquePointer?
    /// The dictionary prepared for compression; `nil` when there is none (or it could not be made).
    private let prepared: OpaquePointer?
    private let dictionaryIsEmpty: Bool
    private var output: [UInt8]

    /// A compressor against `dictionary` (empty: none).
    package init(dictionary: [UInt8]) {
        context = ZSTD_createCCtx()
        prepared = dictionary.isEmpty ? nil : dictionary.withUnsafeBytes {
            ZSTD_createCDict($0.baseAddress, $0.count, Self.level)
        }
        dictionaryIsEmpty = dictionary.isEmpty
        output = [UInt8](repeating: 0, count: 4096)
        // Every frame of a row names its dictionary in `raw_dict` already: leave the trained
        // dictionary's id out of the frame header (4 bytes a record).
        if let context {
            ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Self.level)
            ZSTD_CCtx_setParameter(context, ZSTD_c_dictIDFlag, 0)
            if let prepared { ZSTD_CCtx_refCDict(context, prepared) }
        }
    }

    deinit {
        ZSTD_freeCCtx(context)
        ZSTD_freeCDict(prepared)
    }

    /// The compressed bytes of `text`.
    package func compress(_ text: String) throws -> [UInt8] {
        var text = text
        return try text.withUTF8 { try compress(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The compressed bytes of `input` (a Zstandard frame).
    package func compress(bytes input: UnsafeRawBufferPointer) throws -> [UInt8] {
        var frame: [UInt8] = []
        try compress(bytes: input, appendingTo: &frame)
        return frame
    }

    /// Appends the compressed bytes of `input` (a Zstandard frame) to `frame`.
    package func compress(bytes input: UnsafeRawBufferPointer, appendingTo frame: inout [UInt8]) throws {
        let written = try compressIntoOutput(input)
        frame.append(contentsOf: output[0..<written])
    }

    /// `header` followed by the compressed bytes of `input` (a Zstandard frame), copied once
    /// into data of the size they take.
    package func compress(bytes input: UnsafeRawBufferPointer, after header: [UInt8]) throws -> Data {
        let written = try compressIntoOutput(input, after: header)
        return output.withUnsafeBytes { Data(bytes: $0.baseAddress!, count: header.count + written) }
    }

    /// Writes `header` then the frame of `input` into `output`; returns how many bytes the frame takes.
    private func compressIntoOutput(_ input: UnsafeRawBufferPointer, after header: [UInt8] = []) throws -> Int {
        guard let context, dictionaryIsEmpty || prepared != nil else {
            throw RawCodecError.damaged("zstd could not make a compression context (out of memory?)")
        }
        let bound = header.count + ZSTD_compressBound(input.count)
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let written = output.withUnsafeMutableBytes { out in
            out.copyBytes(from: header)
            return ZSTD_compress2(
                context, out.baseAddress! + header.count, out.count - header.count, input.baseAddress, input.count)
        }
        if ZSTD_isError(written) != 0 { throw RawCodecError.damaged("zstd: \(String(cString: ZSTD_getErrorName(written)))") }
        return written
    }

    /// Expands bytes written by `compress` (or by an earlier fgsync's deflate) against the same
    /// `dictionary`.
    package static func expand(_ compressed: Data, dictionary: [UInt8]) throws -> String {
        let bytes = compressed.starts(with: zstdMagic) ? try expandFrame(compressed, dictionary: dictionary)
            : try inflate(compressed, dictionary: dictionary)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw RawCodecError.damaged("the data is not UTF-8") }
        return text
    }

    /// The bytes of one Zstandard frame.
    static func expandFrame(_ compressed: Data, dictionary: [UInt8]) throws -> [UInt8] {
        try compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let context = ZSTD_createDCtx() else { throw RawCodecError.damaged("zstd: could not make a context") }
            defer { ZSTD_freeDCtx(context) }
            return try expandFrame(input) { out in
                dictionary.withUnsafeBytes { dict in
                    ZSTD_decompress_usingDict(
                        context, out.baseAddress, out.count, input.baseAddress, input.count, dict.baseAddress, dict.count)
                }
            }
        }
    }

    /// The bytes of the frame `input`, which `decompress` writes into a buffer of the size
    /// the frame declares (refused when it declares none, or more than `largestExpansion`).
    static func expandFrame(
        _ input: UnsafeRawBufferPointer, decompress: (UnsafeMutableRawBufferPointer) -> Int
    ) throws -> [UInt8] {
        let size = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        guard size != ZSTD_CONTENTSIZE_ERROR, size != ZSTD_CONTENTSIZE_UNKNOWN, size <= largestExpansion else {
            throw RawCodecError.damaged("zstd: the frame is damaged (no valid content size)")
        }
        var result = [UInt8](repeating: 0, count: Int(size))
        let produced = result.withUnsafeMutableBytes(decompress)
        if ZSTD_isError(produced) != 0 { throw RawCodecError.damaged("zstd: \(String(cString: ZSTD_getErrorName(produced)))") }
        guard produced == Int(size) else { throw RawCodecError.damaged("zstd: the data ends early") }
        return result
    }
}

/// Raw JSON that cannot be compressed or expanded.
package enum RawCodecError: Error, CustomStringConvertible {
    /// What zstd or zlib said of the bytes, or why a context could not be made.
    case damaged(String)
    case unknownDictionary(Int64)

    package var description: String {
        switch self {
        case .damaged(let message): message
        case .unknownDictionary(let id): "the raw JSON was compressed against dictionary \(id), which the file does not hold"
        }
    }
}
