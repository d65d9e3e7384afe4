import ArgumentParser
import Foundation
import SyncCore
import SyncStore

/// `fgsync-bench codec`: compares encodings for the mirrors' projection column.
///
/// Measures the store's own binary codec (package access) against the alternatives it was
/// chosen over, JSON and binary property lists, on the same generated projections.
struct CodecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec", abstract: "Time the binary codec, JSON and binary plist encodings of RecordState projections, and ingest's other per-record steps.")

    @Option(help: "Number of projections.")
    var count: Int = 100_000

    func run() throws {
        let states = (0..<count).map { SyntheticPair(index: $0, seed: 7, changed: 0.01).fulcrum }
        let clock = ContinuousClock()

        let json = JSONEncoder()
        var jsonData: [Data] = []
        let jsonEncode = try clock.measure { jsonData = try states.map { try json.encode($0) } }
        let jsonDecoder = JSONDecoder()
        let jsonDecode = try clock.measure { for data in jsonData { _ = try jsonDecoder.decode(RecordState.self, from: data) } }

        let plist = PropertyListEncoder()
        plist.outputFormat = .binary
        var plistData: [Data] = []
        let plistEncode = try clock.measure { plistData = try states.map { try plist.encode($0) } }
        let plistDecoder = PropertyListDecoder()
        let plistDecode = try clock.measure { for data in plistData { _ = try plistDecoder.decode(RecordState.self, from: data) } }

        var binaryData: [Data] = []
        let binaryEncode = clock.measure { binaryData = states.map { Data(ProjectionCodec.encode($0)) } }
        var decoder = ProjectionDecoder()
        let binaryDecode = try clock.measure { for data in binaryData { _ = try decoder.decode(data) } }

        let tagLists = states.map(\.tags.sortedSpellings)
        let tagTime = clock.measure { for tags in tagLists { _ = TagSet(tags) } }
        print(String(format: "TagSet init alone: %.2f µs", PlanBenchmark.seconds(tagTime) / Double(count) * 1e6))

        func line(_ name: String, _ encode: Duration, _ decode: Duration, _ data: [Data]) {
            let bytes = data.reduce(0) { $0 + $1.count } / max(1, data.count)
            print(String(
                format: "%@: encode %.2f µs, decode %.2f µs, %d bytes per projection", name,
                PlanBenchmark.seconds(encode) / Double(count) * 1e6, PlanBenchmark.seconds(decode) / Double(count) * 1e6, bytes))
        }
        // What ingest spends on a record before SQLite sees it.
        let mirrors = (0..<count).map { SyntheticPair(index: $0, seed: 7, changed: 0.01).fulcrumMirror }
        var rows: [EncodedMirrorRow] = []
        let encodeRow = clock.measure { rows = mirrors.map(EncodedMirrorRow.init) }
        // The dictionary the store makes for a side from its first records (trained), as ingest uses.
        let compressor = RawCompressor(dictionary: RawDictionary.make(from: rows))
        let compress = try clock.measure { for index in rows.indices { try rows[index].compress(with: compressor, dictionaryId: 1) } }
        let rawBytes = mirrors.reduce(0) { $0 + $1.raw.utf8.count } / max(1, count)
        let compressedBytes = rows.reduce(0) { $0 + ($1.compressedRaw?.count ?? 0) } / max(1, count)
        print(String(
            format: "ingest, per Fulcrum record: encode row (projection, digest, raw hash) %.2f µs; compress raw %.2f µs (%d bytes to %d)",
            PlanBenchmark.seconds(encodeRow) / Double(count) * 1e6, PlanBenchmark.seconds(compress) / Double(count) * 1e6,
            rawBytes, compressedBytes))
        line("json", jsonEncode, jsonDecode, jsonData)
        line("binary plist", plistEncode, plistDecode, plistData)
        line("fgsync-bin1 (used)", binaryEncode, binaryDecode, binaryData)
    }
}
