import Foundation
import GRDB
import SyncCore

/// Schema `v5-lean`: a state file a million pairs can afford to write every night.
///
/// - The mirrors keep the raw API JSON compressed against a per-side dictionary
///   (`raw_dictionaries`, `RawCompressor`) with a hash of the text, so a snapshot that finds a
///   record unchanged writes nothing (the projection and the hash are compared first).
/// - `snapshot_seq` and its index are gone: rewriting every row to mark it seen was most of a
///   no-change nightly run's disk writes. A snapshot remembers what it saw in memory instead.
/// - Each mirror row and each base carry `AgreementDigest`s, so planning decodes only the sides
///   that differ from their base.
///
/// Released migrations are never edited; an older file is upgraded in place when opened for
/// writing (rows are copied in chunks inside the migration's one transaction).
enum SchemaV5Lean {
    static func mirrorTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            id TEXT PRIMARY KEY NOT NULL,
            projection BLOB NOT NULL,
            digest BLOB,
            raw BLOB NOT NULL,
            raw_dict INTEGER NOT NULL,
            raw_hash INTEGER NOT NULL,
            updated_at_ms INTEGER,
            version INTEGER)
        """
    }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE raw_dictionaries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    side TEXT NOT NULL CHECK (side IN ('fulcrum', 'ghl')),
                    bytes BLOB NOT NULL,
                    created_at TEXT NOT NULL)
                """)
        for side in Side.allCases { try rebuildMirror(side, db) }
        try db.execute(sql: "ALTER TABLE base ADD COLUMN fulcrum_digest BLOB")
        try db.execute(sql: "ALTER TABLE base ADD COLUMN ghl_digest BLOB")
        try fillBaseDigests(db)
    }

    /// Copies `side`'s v4 mirror into the v5 layout, then puts it in the old one's place.
    static func rebuildMirror(_ side: Side, _ db: Database) throws {
        let table = side.mirrorTable
        try db.execute(sql: mirrorTable("\(table)_v5"))
        let samples = try String.fetchAll(db, sql: "SELECT raw FROM \(table) ORDER BY rowid LIMIT 50")
        // A side with no rows yet (a new file) gets its dictionary from its first snapshot.
        var dictionaryId: Int64 = 0
        var bytes: [UInt8] = []
        if !samples.isEmpty {
            bytes = RawDictionary.build(from: samples)
            try db.execute(
                sql: "INSERT INTO raw_dictionaries (side, bytes, created_at) VALUES (?, ?, ?)",
                arguments: [side.rawValue, Data(bytes), Date()])
            dictionaryId = db.lastInsertedRowID
        }
        let compressor = RawCompressor(dictionary: bytes)
        let insert = try db.makeStatement(sql: """
            INSERT INTO \(table)_v5 (id, projection, digest, raw, raw_dict, raw_hash, updated_at_ms, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var decoder = ProjectionDecoder()
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT rowid, id, raw, projection, version FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT 5000",
                arguments: [last])
            guard let tail = rows.last else { break }
            last = tail[0]
            for row in rows {
                let projection: Data = row[3]
                var encoded = EncodedMirrorRow(MirrorRecord(
                    projection: try decoder.decode(projection), raw: row[2], version: row[4]))
                try encoded.compress(with: compressor, dictionaryId: dictionaryId)
                try insert.execute(arguments: [
                    encoded.id, encoded.projection, encoded.digest, encoded.compressedRaw, encoded.dictionaryId,
                    encoded.rawHash, encoded.updatedAtMs, encoded.version,
                ])
            }
        }
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_v5 RENAME TO \(table)")
    }

    /// Writes both digests of every base, in chunks of the key order.
    static func fillBaseDigests(_ db: Database) throws {
        let update = try db.makeStatement(sql: "UPDATE base SET fulcrum_digest = ?, ghl_digest = ? WHERE fulcrum_id = ?")
        var last = ""
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT fulcrum_id, contact_id, state FROM base WHERE fulcrum_id > ? ORDER BY fulcrum_id LIMIT 5000",
                arguments: [last])
            guard let tail = rows.last else { break }
            last = tail[0]
            var decoder = ProjectionDecoder()
            for row in rows {
                let (fields, tags) = try decoder.decodeBase(row[2])
                let base = PairBase(fulcrumId: row[0], contactId: row[1], fields: fields, tags: tags)
                try update.execute(arguments: [
                    AgreementDigest.base(base, side: .fulcrum), AgreementDigest.base(base, side: .ghl), base.fulcrumId,
                ])
            }
        }
    }
}
