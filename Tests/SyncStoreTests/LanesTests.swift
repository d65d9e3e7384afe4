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
        let records = (0..<600).map { index in
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
}
