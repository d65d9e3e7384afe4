import Foundation
import Testing
@testable import SyncStore

/// The raw JSON of the mirrors: compressed against a dictionary of what records share, and
/// expanded back exactly.
@Suite struct RawCompressionTests {
    /// A record shaped like a Fulcrum one: many keys and server values shared by every record.
    static func record(_ index: Int) -> String {
        """
        {"id":"5f2c\(index)-aa41-4c1e-9a57-2d1f5c0e\(index)","form_id":"b1f0c6de-6f6a-4c1e-9a57-2d1f5c0e7a11",\
        "project_id":null,"status":"active","version":\(index % 7),"created_at":"2026-06-01T12:00:00Z",\
        "updated_at":"2026-07-0\(index % 9 + 1)T10:00:00Z","created_by":"Field Crew","created_by_id":"50633f84a934480d260001db",\
        "updated_by":"Field Crew","updated_by_id":"50633f84a934480d260001db","assigned_to":null,"assigned_to_id":null,\
        "form_values":{"a1f0":"Person \(index)","c3d2":"person\(index)@example.com","d4c3":"+1415555\(1000 + index)",\
        "f6a5":{"choice_values":["vip"],"other_values":[]}},"latitude":42.82,"longitude":-73.89,"altitude":null,\
        "speed":null,"course":null,"horizontal_accuracy":null,"vertical_accuracy":null}
        """
    }

    @Test func aDictionaryKeepsEveryKeyAndWhatAllSamplesShareButNoPersonsValue() throws {
        let bytes = RawDictionary.build(from: (0..<10).map(Self.record))
        let text = String(decoding: bytes, as: UTF8.self)
        for key in ["\"status\":\"active\"", "\"created_by_id\":\"50633f84a934480d260001db\"", "\"a1f0\"", "\"c3d2\"", "\"latitude\"", "\"version\""] {
            #expect(text.contains(key), "\(text)")
        }
        for index in 0..<10 {
            #expect(!text.contains("Person \(index)") && !text.contains("person\(index)@"), "\(text)")
        }
    }

    @Test func fewSamplesGiveADictionaryOfKeysOnly() throws {
        let text = String(decoding: RawDictionary.build(from: [Self.record(1), Self.record(2)]), as: UTF8.self)
        #expect(text.contains("\"form_id\""))
        #expect(!text.contains("b1f0c6de"), "\(text)")
    }

    @Test(arguments: [true, false])
    func rawJSONExpandsToExactlyWhatWasCompressed(withDictionary: Bool) throws {
        let dictionary = withDictionary ? RawDictionary.build(from: (0..<10).map(Self.record)) : []
        let compressor = RawCompressor(dictionary: dictionary)
        for text in [Self.record(42), "", "{\"name\":\"Zoë 🌍 \\u0000\"}", String(repeating: "x", count: 100_000)] {
            let compressed = try compressor.compress(text)
            #expect(try RawCompressor.expand(Data(compressed), dictionary: dictionary) == text)
        }
    }

    @Test func aRecordCompressesToAFractionOfItselfAgainstItsSidesDictionary() throws {
        let dictionary = RawDictionary.build(from: (0..<10).map(Self.record))
        let text = Self.record(77)
        let compressed = try RawCompressor(dictionary: dictionary).compress(text)
        let alone = try RawCompressor(dictionary: []).compress(text)
        #expect(compressed.count * 2 < alone.count, "\(compressed.count) against \(alone.count) bytes alone")
    }

    @Test func bytesThatAreNotWhatWasCompressedAreRefused() throws {
        let compressed = try RawCompressor(dictionary: []).compress(Self.record(1))
        #expect(throws: RawCodecError.self) { try RawCompressor.expand(Data(compressed.prefix(compressed.count / 2)), dictionary: []) }
        #expect(throws: RawCodecError.self) { try RawCompressor.expand(Data([0xFF, 0xFF, 0xFF]), dictionary: []) }
    }

    /// A record as fgsync deflated it before Zstandard (raw deflate, level 1, 4 KB window,
    /// `memLevel` 3), with and without a dictionary; made with Python's zlib.
    static let deflatedDictionary = Array(#"{"status":"active","form_id":"b1f0c6de-6f6a-4c1e-9a57-2d1f5c0e7a11"}"#.utf8)
    static let deflatedText = #"{"id":"r-1","form_id":"b1f0c6de-6f6a-4c1e-9a57-2d1f5c0e7a11","status":"active","name":"Zoë"}"#
    static let deflated: [(dictionary: Bool, bytes: [UInt8])] = [
        (true, [
            0xAB, 0x56, 0x02, 0x2B, 0x2E, 0xD2, 0x35, 0x24, 0x5D, 0xB3, 0x0E, 0x16, 0xFB, 0xF3, 0x12, 0x73, 0x53, 0x81,
            0x96, 0x47, 0xE5, 0x1F, 0x5E, 0xAD, 0x54, 0x0B, 0x00,
        ]),
        (false, [
            0xAB, 0x56, 0xCA, 0x4C, 0x51, 0xB2, 0x52, 0x2A, 0xD2, 0x35, 0x54, 0xD2, 0x51, 0x4A, 0xCB, 0x2F, 0xCA, 0x8D,
            0x07, 0xF3, 0x93, 0x0C, 0xD3, 0x0C, 0x92, 0xCD, 0x52, 0x52, 0x75, 0xCD, 0xD2, 0xCC, 0x12, 0x75, 0x4D, 0x92,
            0x0D, 0x53, 0x75, 0x2D, 0x13, 0x4D, 0xCD, 0x75, 0x8D, 0x52, 0x0C, 0xD3, 0x4C, 0x93, 0x0D, 0x52, 0xCD, 0x13,
            0x0D, 0x41, 0x1A, 0x8A, 0x4B, 0x12, 0x4B, 0x4A, 0x8B, 0x81, 0xFA, 0x13, 0x93, 0x4B, 0x32, 0xCB, 0x52, 0x81,
            0x22, 0x79, 0x89, 0xB9, 0xA9, 0x40, 0x7E, 0x54, 0xFE, 0xE1, 0xD5, 0x4A, 0xB5, 0x00,
        ]),
    ]

    @Test(arguments: [true, false])
    func rawJSONAnEarlierFgsyncDeflatedStillExpands(withDictionary: Bool) throws {
        let bytes = try #require(Self.deflated.first { $0.dictionary == withDictionary }).bytes
        let dictionary = withDictionary ? Self.deflatedDictionary : []
        #expect(try RawCompressor.expand(Data(bytes), dictionary: dictionary) == Self.deflatedText)
    }

    @Test func newRawJSONIsAZstandardFrameWhichNoDeflateStreamCanBeginLike() throws {
        let compressed = try RawCompressor(dictionary: Self.deflatedDictionary).compress(Self.deflatedText)
        #expect(compressed.starts(with: RawCompressor.zstdMagic))
        #expect(try RawCompressor.expand(Data(compressed), dictionary: Self.deflatedDictionary) == Self.deflatedText)
    }

    @Test func aFrameClaimingMoreThanARecordCanHoldIsRefusedWithoutExpandingIt() throws {
        // A frame header with a declared content size of 2^40 bytes and no blocks.
        let header: [UInt8] = RawCompressor.zstdMagic + [0xE0] + [0, 0, 0, 0, 0, 1, 0, 0]
        #expect(throws: RawCodecError.self) { try RawCompressor.expand(Data(header), dictionary: []) }
    }
}
