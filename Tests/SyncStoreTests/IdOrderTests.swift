import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// A group of snapshot rows is written in the ids' byte order, a repeated id's later row last.
@Suite struct IdOrderTests {
    static func rows(_ ids: [String]) -> [EncodedMirrorRow] {
        ids.enumerated().map { index, id in
            EncodedMirrorRow(MirrorRecord(projection: RecordState(id: id), raw: #"{"id":"\#(id)","n":\#(index)}"#, version: index))
        }
    }

    @Test(arguments: [
        (["b", "a", "c"], [1, 0, 2]),
        // Ids sharing their first 8 bytes are told apart by the rest.
        (["abcdefgh-2", "abcdefgh-1", "abcdefgh"], [2, 1, 0]),
        // A shorter id sorts before every longer one it starts.
        (["abcdefghi", "abc", "abcd", "ab"], [3, 1, 2, 0]),
        // A repeated id keeps its rows in the order they were listed.
        (["r1", "a", "r1", "z", "r1"], [1, 0, 2, 4, 3]),
        // Byte order: upper case before lower case, digits before both.
        (["a", "B", "1"], [2, 1, 0]),
    ])
    func positionsComeInTheIdsByteOrderWithRepeatsAsListed(ids: [String], order: [Int]) {
        #expect(EncodedMirrorRow.idOrder(Self.rows(ids)) == order)
    }

    @Test func rowsInIdOrderAreTheRowsAtThosePositions() {
        let rows = Self.rows(["c", "a", "b", "a"])
        #expect(EncodedMirrorRow.inIdOrder(rows).map { "\($0.id)\($0.version ?? -1)" } == ["a1", "a3", "b2", "c0"])
    }

    @Test func anIdOfManyBytesPerCharacterSortsByItsBytes() {
        // "é" is two bytes (0xC3 0xA9), after every ASCII letter.
        #expect(EncodedMirrorRow.idOrder(Self.rows(["é", "z", "e"])) == [2, 1, 0])
    }
}
