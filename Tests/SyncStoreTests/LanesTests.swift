import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// A page's CPU work split over the cores comes back as if done in one pass.
@Suite struct LanesTests {
    struct Refused: Error, Equatable { let item: Int }

    @Test(arguments: [0, 1, 127, 128, 1_000, 4_099])
    func slicesAreJoinedInTheOrderOfTheItems(count: Int) throws {
        let items = Array(0..<count)
        #expect(try Lanes.map(items) { $0.map { $0 * 3 } } == items.map { $0 * 3 })
    }

    @Test func anErrorInOneSliceIsThrownWhateverTheOtherSlicesDid() {
        #expect(throws: Refused(item: 700)) {
            try Lanes.map(Array(0..<1_000)) { slice in
                try slice.map { item in
                    if item == 700 { throw Refused(item: item) }
                    return item
                }
            }
        }
    }

    @Test func aPageIsEncodedAndCompressedOnEveryCoreAsInOnePass() throws {
        let records = (0..<600).map { (index: Int) in
            MirrorRecord(
                projection: RecordState(id: "r-\(index)", fields: ["name": FieldValue(canonical: "n\(index)", text: "N\(index)")]),
                raw: #"{"id":"r-\#(index)","name":"N\#(index)","status":"active"}"#, version: index)
        }
        var rows = EncodedMirrorRow.encode(records)
        #expect(rows.map { $0.id } == records.map { $0.projection.id })
        let dictionary = RawDictionary.build(from: records.prefix(50).map { $0.raw })
        try EncodedMirrorRow.compress(&rows, dictionary: (7, dictionary))
        for (row, record) in zip(rows, records) {
            #expect(row.dictionaryId == 7)
            #expect(try RawCompressor.expand(try #require(row.compressedRaw), dictionary: dictionary) == record.raw)
        }
    }

    @Test func aNewPageEncodedAndPackedInOnePassMatchesItEncodedThenPacked() throws {
        let records = (0..<300).map { index -> MirrorRecord in
            let fields: [String: FieldValue] = ["name": FieldValue(canonical: "n\(index)", text: "N\(index)")]
            let tags = TagSet(["VIP", "lead-\(index % 3)"])
            let issues: [FieldIssue] = index % 50 == 0 ? [FieldIssue(field: "email", value: "x", reason: "not an email")] : []
            let state = RecordState(
                id: "r-\(index)", fields: fields, tags: tags, linkId: index % 2 == 0 ? "c-\(index)" : nil,
                updatedAt: Date(timeIntervalSince1970: Double(index) * 61.5), issues: issues)
            let raw = "{\"id\":\"r-\(index)\",\"name\":\"N\(index)\",\"status\":\"active\"}"
            return MirrorRecord(projection: state, raw: raw, version: index % 7 == 0 ? nil : index)
        }
        let dictionary = (id: Int64(7), bytes: RawDictionary.build(from: records.prefix(50).map { $0.raw }))
        var separately = EncodedMirrorRow.encode(records)
        try EncodedMirrorRow.compress(&separately, dictionary: dictionary, packingProjections: true)
        let together = try EncodedMirrorRow.encodeCompressed(
            records, dictionary: dictionary, packingProjections: true, pool: RawCompressorPool())
        #expect(together.count == separately.count)
        for (one, other) in zip(together, separately) {
            #expect(one.id == other.id)
            #expect(one.projection == other.projection)
            #expect(one.digest == other.digest)
            #expect(one.rawHash == other.rawHash)
            #expect(one.updatedAtMs == other.updatedAtMs)
            #expect(one.version == other.version)
            #expect(one.compressedRaw == other.compressedRaw)
            #expect(one.dictionaryId == other.dictionaryId)
        }
    }
}
