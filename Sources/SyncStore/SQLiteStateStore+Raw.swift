import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// `side`'s raw-JSON dictionary, made from `rows` (`RawDictionary.make`) and committed in
    /// its own transaction the first time the side stores rows (so no row can name a dictionary
    /// that a rolled-back transaction took away).
    func rawDictionary(for side: Side, rows: [EncodedMirrorRow]) async throws -> (id: Int64, bytes: [UInt8]) {
        if let known = rawDictionaries.cachedCurrent(side) { return known }
        if let stored = try await read("read the \(side.rawValue) raw JSON dictionary", { db in try self.rawDictionaries.current(side, db) }) {
            return stored
        }
        // Made before the write lock is taken: training reads up to a thousand records.
        let made = RawDictionary.make(from: rows)
        let kept = try await write("store the \(side.rawValue) raw JSON dictionary") { tx in
            if let stored = try tx.store.rawDictionaries.current(side, tx.db) { return stored }
            let bytes = made
            try tx.db.execute(
                sql: "INSERT INTO raw_dictionaries (side, bytes, created_at) VALUES (?, ?, ?)",
                arguments: [side.rawValue, Data(bytes), tx.now])
            return (tx.db.lastInsertedRowID, bytes)
        }
        return rawDictionaries.remember(side, id: kept.0, bytes: kept.1)
    }

    /// Compresses the raw JSON of `rows` and packs their projections against `side`'s
    /// dictionary (made from them if needed).
    func compressRaw(_ rows: inout [EncodedMirrorRow], side: Side) async throws {
        guard !rows.isEmpty else { return }
        let dictionary = try await rawDictionary(for: side, rows: rows)
        try EncodedMirrorRow.compress(&rows, dictionary: dictionary, packingProjections: true, pool: compressors)
    }

    /// An unpacker of the projections and base states `db` holds (`PackedBlob`).
    func unpacker(_ db: Database) -> BlobUnpacker {
        BlobUnpacker { [rawDictionaries] id in try rawDictionaries.bytes(id, db) }
    }

    /// The raw JSON text of a stored row, from its `raw` and `raw_dict` columns, or from its
    /// packed `projection` when `raw` is empty (`PackedBlob`).
    func storedRaw(raw: Data, dictionaryId: Int64, projection: Data, _ db: Database) throws -> String {
        guard raw.isEmpty, PackedBlob.isPacked(projection) else { return try expandRaw(raw, dictionaryId: dictionaryId, db) }
        return try unpacker(db).parts(projection).raw
    }

    /// The raw JSON text of a stored row (its `raw` and `raw_dict` columns).
    func expandRaw(_ compressed: Data, dictionaryId: Int64, _ db: Database) throws -> String {
        try RawCompressor.expand(compressed, dictionary: rawDictionaries.bytes(dictionaryId, db))
    }
}

extension StoreTransaction {
    /// Compresses rows inside a transaction that may not create a dictionary: against the
    /// side's current one, or none before the side's first full snapshot made one.
    func compressRaw(_ rows: inout [EncodedMirrorRow], side: Side) throws {
        let dictionary = try store.rawDictionaries.current(side, db) ?? (0, [])
        try EncodedMirrorRow.compress(&rows, dictionary: dictionary, packingProjections: true, pool: store.compressors)
    }
}
