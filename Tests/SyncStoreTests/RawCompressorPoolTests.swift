import Foundation
import Testing
@testable import SyncStore

/// Compressors outlive a snapshot page, each kept for the dictionary it was made with.
@Suite struct RawCompressorPoolTests {
    static let dictionary = RawDictionary.build(from: [#"{"id":"a","status":"active"}"#, #"{"id":"b","status":"active"}"#])

    @Test func aCompressorGivenBackIsTakenAgainForItsDictionary() {
        let pool = RawCompressorPool()
        let first = pool.take((1, Self.dictionary))
        pool.give(first, id: 1)
        #expect(pool.take((1, Self.dictionary)) === first)
    }

    @Test func aCompressorIsNotLentForAnotherDictionary() {
        let pool = RawCompressorPool()
        let first = pool.take((1, Self.dictionary))
        pool.give(first, id: 1)
        #expect(pool.take((2, [])) !== first)
    }

    @Test func aReusedCompressorMakesFramesThatExpandAgainstItsDictionary() throws {
        let pool = RawCompressorPool()
        let raw = #"{"id":"c","status":"active"}"#
        let compressor = pool.take((1, Self.dictionary))
        let once = try compressor.compress(raw)
        pool.give(compressor, id: 1)
        let twice = try pool.take((1, Self.dictionary)).compress(raw)
        #expect(once == twice)
        #expect(try RawCompressor.expand(Data(twice), dictionary: Self.dictionary) == raw)
    }

    @Test func onlyAFewIdleCompressorsAreKeptPerDictionary() {
        let pool = RawCompressorPool()
        let made = (0..<(RawCompressorPool.kept + 3)).map { _ in RawCompressor(dictionary: Self.dictionary) }
        for compressor in made { pool.give(compressor, id: 1) }
        let taken = (0..<(RawCompressorPool.kept + 3)).map { _ in pool.take((1, Self.dictionary)) }
        #expect(taken.filter { candidate in made.contains { $0 === candidate } }.count == RawCompressorPool.kept)
    }
}
