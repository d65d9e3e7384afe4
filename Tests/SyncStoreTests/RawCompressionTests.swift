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
}
