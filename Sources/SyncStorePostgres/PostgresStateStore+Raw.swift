import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// `side`'s raw-JSON dictionary, made from `rows` (`RawDictionary.make`) and committed in
    /// its own transaction the first time the side stores rows (as the state file does).
    func rawDictionary(for side: Side, rows: [EncodedMirrorRow]) async throws -> (id: Int64, bytes: [UInt8]) {
        if let known = rawDictionaries.cachedCurrent(side) { return known }
        if let stored = try await read("read the \(side.rawValue) raw JSON dictionary", { tx in try await rawDictionaries.current(side, tx) }) {
            return stored
        }
        // Made before the write transaction begins: training reads up to a thousand records.
        let made = RawDictionary.make(from: rows)
        let kept = try await write("store the \(side.rawValue) raw JSON dictionary") { tx -> (Int64, [UInt8]) in
            // One writer makes it: a second process waits here and then finds it.
            try await tx.execute("LOCK TABLE raw_dictionaries IN SHARE ROW EXCLUSIVE MODE")
            if let stored = try await rawDictionaries.current(side, tx) { return stored }
            let bytes = made
            let id = try await tx.value(
                "INSERT INTO raw_dictionaries (side, bytes, created_at) VALUES (\(side.rawValue), \(Data(bytes)), \(tx.now)) RETURNING id",
                as: Int64.self) ?? 0
            return (id, bytes)
        }
        return rawDictionaries.remember(side, id: kept.0, bytes: kept.1)
    }

    /// Compresses the raw JSON of `rows` against `side`'s dictionary (made from them if needed).
    func compressRaw(_ rows: inout [EncodedMirrorRow], side: Side) async throws {
        guard !rows.isEmpty else { return }
        let dictionary = try await rawDictionary(for: side, rows: rows)
        try EncodedMirrorRow.compress(&rows, dictionary: dictionary, pool: compressors)
    }
}

extension PostgresTransaction {
    /// Compresses rows inside a transaction that may not create a dictionary: against the
    /// side's current one, or none before the side's first full snapshot made one.
    func compressRaw(_ rows: inout [EncodedMirrorRow], side: Side) async throws {
        let dictionary = try await store.rawDictionaries.current(side, self) ?? (0, [])
        try EncodedMirrorRow.compress(&rows, dictionary: dictionary, pool: store.compressors)
    }

    /// The raw JSON text of a stored row.
    func expandRaw(_ compressed: Data, dictionaryId: Int64) async throws -> String {
        try RawCompressor.expand(compressed, dictionary: try await store.rawDictionaries.bytes(dictionaryId, self))
    }
}
