import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// A side's first hundred records or more train its dictionary, on only what five or more of
/// them share.
@Suite struct DictionaryTrainerTests {
    static let companies = ["Blue Ridge Forestry", "Harbor Light Dental", "Northgate Surveying", "Cedar Point Farms"]

    /// Record `index`: shared keys and companies, a value only records 0-3 hold, and values
    /// (id, email, phone) no other record holds.
    static func record(_ index: Int) -> MirrorRecord {
        let company = companies[index % companies.count]
        let rare = index < 4 ? "Quartet Kestrel Zygomorph" : "none"
        let secret = "zq\(index * 7919 + 104_729)xv"
        let raw = """
            {"id":"rec-\(secret)","form_id":"b1f0c6de-6f6a-4c1e-9a57-2d1f5c0e7a11","status":"active",\
            "form_values":{"company":"\(company)","email":"\(secret)@mail.test","phone":"+1555\(secret)",\
            "note":"\(rare)"},"created_at":"2026-06-01T12:00:00Z"}
            """
        let projection = RecordState(id: "rec-\(secret)", fields: [
            "company": FieldValue(canonical: company.lowercased(), text: company),
            "email": FieldValue(canonical: "\(secret)@mail.test", text: "\(secret)@mail.test"),
        ])
        return MirrorRecord(projection: projection, raw: raw)
    }

    static func rows(_ count: Int) -> [EncodedMirrorRow] { EncodedMirrorRow.encode((0..<count).map(record)) }

    /// The 8-byte windows of `bytes`.
    static func windows(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.count < 8 ? [] : (0...(bytes.count - 8)).map { Array(bytes[$0..<($0 + 8)]) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.count >= needle.count && (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func everyEightBytesTheTrainerSeesAreHeldByFiveRecordsOrMore() throws {
        let records = (0..<400).map { [Array(Self.record($0).raw.utf8)] }
        var holders: [[UInt8]: Int] = [:]
        for record in records {
            for window in Set(Self.windows(record[0])) { holders[window, default: 0] += 1 }
        }
        #expect(holders.values.contains { $0 < DictionaryTrainer.sharedBy })
        let runs = DictionaryTrainer.sharedRuns(records)
        #expect(!runs.isEmpty)
        for run in runs {
            for window in Self.windows(run) {
                #expect(holders[window] ?? 0 >= DictionaryTrainer.sharedBy, "\(String(decoding: window, as: UTF8.self))")
            }
        }
    }

    @Test func noValueFewerThanFiveRecordsHoldIsInATrainedDictionary() throws {
        let dictionary = RawDictionary.make(from: Self.rows(400))
        #expect(dictionary.starts(with: [0x37, 0xA4, 0x30, 0xEC]), "a trained (zdict) dictionary")
        var rare = ["Quartet Kestrel Zygomorph"]
        for index in 0..<400 {
            let secret = "zq\(index * 7919 + 104_729)xv"
            rare += ["rec-\(secret)", "\(secret)@mail.test", "+1555\(secret)"]
        }
        for value in rare {
            #expect(!Self.contains(dictionary, Array(value.utf8)), "\(value)")
        }
    }

    @Test func whatMostRecordsShareIsKeptForTraining() {
        let runs = DictionaryTrainer.sharedRuns((0..<200).map { [Array(Self.record($0).raw.utf8)] })
        let text = runs.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|")
        #expect(text.contains("\"form_id\":\"b1f0c6de-6f6a-4c1e-9a57-2d1f5c0e7a11\",\"status\":\"active\""))
        #expect(text.contains("Blue Ridge Forestry"))
        #expect(!text.contains("Quartet"))
    }

    @Test func fewerThanAHundredRecordsGetTheSkeletonOfTheirKeys() {
        let dictionary = RawDictionary.make(from: Self.rows(99))
        #expect(dictionary.first == UInt8(ascii: "{"))
        #expect(String(decoding: dictionary, as: UTF8.self).contains("\"form_values\""))
    }

    @Test func aTrainedDictionaryCompressesARecordToLessThanTheSkeletonDoes() throws {
        let rows = Self.rows(400)
        let trained = try RawCompressor(dictionary: RawDictionary.make(from: rows)).compress(Self.record(1_000).raw)
        let skeleton = try RawCompressor(dictionary: RawDictionary.build(from: rows.prefix(50).map(\.raw))).compress(Self.record(1_000).raw)
        #expect(trained.count < skeleton.count, "\(trained.count) against \(skeleton.count) bytes")
        let dictionary = RawDictionary.make(from: rows)
        #expect(try RawCompressor.expand(Data(trained), dictionary: dictionary) == Self.record(1_000).raw)
    }
}
