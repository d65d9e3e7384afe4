import Foundation
import GRDB
import GRDBSQLite
import SyncCore

extension SQLiteStateStore {
    // MARK: - Full snapshots

    /// Starts a full snapshot of `side` and returns its sequence number, to pass to `ingest` and
    /// `finishSnapshot` of this same store.
    public func beginSnapshot(_ side: Side) async throws -> Int64 {
        let (seq, empty) = try await write("begin a \(side.rawValue) snapshot") { tx in
            try tx.db.execute(
                sql: "INSERT INTO snapshots (side, started_at) VALUES (?, ?)", arguments: [side.rawValue, tx.now])
            let seq = tx.db.lastInsertedRowID
            let empty = try Bool.fetchOne(tx.db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(side.mirrorTable))") ?? false
            return (seq, empty)
        }
        ingestBuffer.begin(seq: seq, mirrorEmpty: empty)
        return seq
    }

    /// Stores one page of a full snapshot: new and changed records are inserted or replaced by
    /// id; a record whose projection and raw JSON are what the mirror holds is not written at all.
    ///
    /// Changed rows are committed in groups of about `ingestGroupSize` records (100,000 by
    /// default), each group in one transaction and in id order, and the last group commits
    /// inside `finishSnapshot`: a random-id index costs about one index page per record per
    /// commit, so committing every 500-record API page would write several times the data
    /// stored. Rows of an unfinished snapshot may therefore not be readable yet; an interrupted
    /// snapshot is simply taken again. Projections are encoded, compared and compressed before
    /// the write lock is taken, so callers may ingest from several tasks and overlap that work
    /// with writing.
    ///
    /// - Throws: `StoreError.Code.snapshotNotOpen` when `seq` is not an open snapshot of `side`
    ///   begun by this store.
    public func ingest(_ side: Side, _ page: [MirrorRecord], snapshot seq: Int64) async throws {
        try await read("check the \(side.rawValue) snapshot \(seq)") { db in
            try StoreTransaction.requireOpenSnapshot(db, side, seq, path: self.path)
        }
        guard ingestBuffer.markSeen(page, seq: seq) else { throw notBegunHere(side, seq) }
        // Into a mirror that was empty when the snapshot began every record is new: nothing to
        // compare (a page listed twice is still written once, by the upsert's own check), and
        // once the side has its dictionary a page is encoded and compressed in one pass.
        let fresh = ingestBuffer.mirrorWasEmpty(seq: seq)
        var rows: [EncodedMirrorRow]
        if fresh, let dictionary = rawDictionaries.cachedCurrent(side) {
            rows = try EncodedMirrorRow.encodeCompressed(page, dictionary: dictionary, packingProjections: true, pool: compressors)
        } else {
            let encoded = EncodedMirrorRow.encode(page)
            rows = fresh ? encoded : try await changedRows(side, encoded)
            try await compressRaw(&rows, side: side)
        }
        guard let group = ingestBuffer.add(rows, seq: seq) else { return }
        let order = EncodedMirrorRow.idOrder(group)  // sorted before the write lock is taken
        try await write("store a group of \(side.rawValue) records") { tx in
            try tx.requireOpenSnapshot(side, seq)
            try tx.upsertSnapshotRows(side, group, order: order)
        }
    }

    /// The rows of `rows` the mirror does not hold as they are (new, or a different
    /// projection or raw JSON).
    func changedRows(_ side: Side, _ rows: [EncodedMirrorRow]) async throws -> [EncodedMirrorRow] {
        guard !rows.isEmpty else { return rows }
        // A later duplicate (overlapping pages) is the one written, so it is the one compared.
        let listed = Dictionary(rows.map { ($0.id, (rawHash: $0.rawHash, version: $0.version)) }, uniquingKeysWith: { $1 })
        let stored = try await read("compare \(side.rawValue) records with the mirror") { db in
            // A stored projection is unpacked only when the raw hash and version match: any
            // other row has changed whatever its projection.
            var stored: [String: Data?] = [:]
            let unpacker = self.unpacker(db)
            try Self.inChunks(listed.keys) { marks, arguments in
                let found = try Row.fetchCursor(
                    db, sql: "SELECT id, raw_hash, version, projection FROM \(side.mirrorTable) WHERE id IN (\(marks))",
                    arguments: arguments)
                while let row = try found.next() {
                    let id: String = row[0]
                    let same = listed[id].map { $0.rawHash == row[1] && $0.version == row[2] } ?? false
                    stored[id] = same ? try unpacker.bytes(row[3]) : nil as Data?
                }
            }
            return stored
        }
        guard !stored.isEmpty else { return rows }
        return rows.filter { row in
            guard let projection = stored[row.id] else { return true }
            return projection != row.projection || listed[row.id]?.rawHash != row.rawHash || listed[row.id]?.version != row.version
        }
    }

    /// Ends a full snapshot: records it did not see are deleted on that side, so they are
    /// copied to `audit` (reason `missing from full snapshot`) and removed from the mirror.
    ///
    /// - Parameter runId: the run the snapshot belongs to, recorded in the audit rows.
    public func finishSnapshot(_ side: Side, snapshot seq: Int64, runId: Int64? = nil) async throws -> SnapshotOutcome {
        let remaining = ingestBuffer.take(seq: seq)
        let order = EncodedMirrorRow.idOrder(remaining)
        let wroteAllSeen = ingestBuffer.mirrorWasEmpty(seq: seq)
        guard let seen = ingestBuffer.takeSeen(seq: seq) else { throw notBegunHere(side, seq) }
        return try await write("finish the \(side.rawValue) snapshot \(seq)") { tx in
            try tx.requireOpenSnapshot(side, seq)
            try tx.upsertSnapshotRows(side, remaining, order: order)
            let (held, removed) = try tx.unseenIds(side, seen: seen, wroteAllSeen: wroteAllSeen)
            try tx.removeMirror(side, ids: removed, runId: runId, reason: "missing from full snapshot")
            let kept = held - removed.count
            try tx.db.execute(
                sql: "UPDATE snapshots SET finished_at = ?, seen = ?, removed = ? WHERE seq = ?",
                arguments: [tx.now, kept, removed.count, seq])
            return SnapshotOutcome(side: side, seq: seq, seen: kept, removedIds: removed)
        }
    }

    func notBegunHere(_ side: Side, _ seq: Int64) -> StoreError {
        StoreError(
            .snapshotNotOpen,
            "Snapshot \(seq) of \(side.rawValue) in \(path) was not begun by this process (or is already finished). "
                + "Begin, ingest and finish a snapshot with one StateStore; an interrupted snapshot is taken again from the start.",
            path: path)
    }

    // MARK: - Single records (delta sync)

    /// Inserts or replaces records outside a full snapshot (delta sync, webhook re-reads).
    public func upsert(_ side: Side, _ records: [MirrorRecord]) async throws {
        try await transaction { try $0.upsertMirror(side, records) }
    }

    /// Removes records seen deleted (history feed, webhook), keeping each in `audit`.
    public func remove(_ side: Side, ids: [String], runId: Int64? = nil, reason: String = "deleted") async throws {
        try await transaction { try $0.removeMirror(side, ids: ids, runId: runId, reason: reason) }
    }

    /// When the last full snapshot of `side` that finished started (everything changed before
    /// then is in the mirror); `nil` when none finished.
    public func lastFullSnapshotStart(_ side: Side) async throws -> Date? {
        try await read("read the last \(side.rawValue) snapshot") { db in
            try Date.fetchOne(
                db, sql: "SELECT max(started_at) FROM snapshots WHERE side = ? AND finished_at IS NOT NULL",
                arguments: [side.rawValue])
        }
    }

    /// The number of records in `side`'s mirror.
    public func mirrorCount(_ side: Side) async throws -> Int {
        try await read("count \(side.rawValue) records") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(side.mirrorTable)") ?? 0
        }
    }

    /// One mirrored record's projection, or `nil` when the mirror does not hold it.
    public func record(_ side: Side, id: String) async throws -> RecordState? {
        try await read("read \(side.recordNoun) \(id)") { db in
            guard let data = try Data.fetchOne(
                db, sql: "SELECT projection FROM \(side.mirrorTable) WHERE id = ?", arguments: [id])
            else { return nil }
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            return try decoder.decode(data)
        }
    }

    /// One mirrored record's raw API JSON, or `nil` when the mirror does not hold it.
    public func rawRecord(_ side: Side, id: String) async throws -> String? {
        try await read("read \(side.recordNoun) \(id)") { db in
            try self.rawRecord(side, id: id, db)
        }
    }

    func rawRecord(_ side: Side, id: String, _ db: Database) throws -> String? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT raw, raw_dict, projection FROM \(side.mirrorTable) WHERE id = ?", arguments: [id])
        else { return nil }
        return try storedRaw(raw: row[0], dictionaryId: row[1], projection: row[2], db)
    }
}

extension StoreTransaction {
    /// Inserts or replaces records in `side`'s mirror (delta sync, webhook re-reads).
    public func upsertMirror(_ side: Side, _ records: [MirrorRecord]) throws {
        var rows = records.map(EncodedMirrorRow.init)
        try compressRaw(&rows, side: side)
        try upsertEncoded(side, rows)
    }

    /// Removes records from `side`'s mirror, copying each (its raw JSON) to `audit` with `reason`.
    public func removeMirror(_ side: Side, ids: [String], runId: Int64?, reason: String) throws {
        let audit = try db.cachedStatement(
            sql: """
                INSERT INTO audit (run_id, side, record_id, field, old_value, new_value, reason, at)
                VALUES (?, ?, ?, NULL, ?, NULL, ?, ?)
                """)
        let delete = try db.cachedStatement(sql: "DELETE FROM \(side.mirrorTable) WHERE id = ?")
        for id in ids {
            guard let raw = try store.rawRecord(side, id: id, db) else { continue }
            try audit.execute(arguments: [runId, side.rawValue, id, raw, reason, now])
            try delete.execute(arguments: [id])
        }
    }

    /// How many records `side`'s mirror holds, and the ids among them `seen` does not hold, in
    /// id order.
    ///
    /// Each id is hashed from SQLite's own UTF-8 text: only an unseen id is made a `String`
    /// (a million ids made into strings and hashed took most of finishing a snapshot).
    ///
    /// With `wroteAllSeen` (a snapshot begun on an empty mirror writes every record it sees),
    /// a mirror holding exactly as many records as `seen` has distinct ids holds no other, and
    /// is only counted: SQLite counts a B-tree's cells without reading them, where hashing a
    /// million ids took 0.3 s of the single writer at the end of a first sync. Any other count
    /// (a record written meanwhile by a webhook, a hash two ids share) takes the full scan.
    func unseenIds(_ side: Side, seen: SeenIds, wroteAllSeen: Bool) throws -> (held: Int, unseen: [String]) {
        if wroteAllSeen {
            let held = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(side.mirrorTable)") ?? 0
            if held == seen.count { return (held, []) }
        }
        let statement = try db.makeStatement(sql: "SELECT id FROM \(side.mirrorTable) ORDER BY id")
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var held = 0
        var unseen: [String] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw statement.stepFailure(code) }
            held += 1
            let text = UnsafeRawBufferPointer(start: sqlite3_column_text(handle, 0), count: Int(sqlite3_column_bytes(handle, 0)))
            if !seen.contains(utf8: text) { unseen.append(String(decoding: text, as: UTF8.self)) }
        }
        return (held, unseen)
    }

    /// Writes rows whose raw JSON is compressed, in `order` (positions in `rows`) or as given;
    /// a row equal to the stored one is not rewritten.
    func upsertEncoded(_ side: Side, _ rows: [EncodedMirrorRow], order: [Int]? = nil) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO \(side.mirrorTable) (id, projection, digest, raw, raw_dict, raw_hash, updated_at_ms, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET projection = excluded.projection, digest = excluded.digest,
                    raw = excluded.raw, raw_dict = excluded.raw_dict, raw_hash = excluded.raw_hash,
                    updated_at_ms = excluded.updated_at_ms, version = excluded.version
                WHERE raw_hash IS NOT excluded.raw_hash OR version IS NOT excluded.version
                    OR projection IS NOT excluded.projection
                """)
        for index in order ?? Array(rows.indices) {
            try EncodedMirrorRow.insert(rows, at: index, with: statement)
        }
    }

    func requireOpenSnapshot(_ side: Side, _ seq: Int64) throws {
        try Self.requireOpenSnapshot(db, side, seq, path: path)
    }

    static func requireOpenSnapshot(_ db: Database, _ side: Side, _ seq: Int64, path: String) throws {
        let open = try Bool.fetchOne(
            db, sql: "SELECT finished_at IS NULL FROM snapshots WHERE seq = ? AND side = ?",
            arguments: [seq, side.rawValue])
        guard open == true else {
            throw StoreError(
                .snapshotNotOpen,
                "Snapshot \(seq) of \(side.rawValue) in \(path) was never begun, belongs to the other side, or is already finished. "
                    + "Call beginSnapshot(.\(side.rawValue)) and use the number it returns.",
                path: path)
        }
    }
}
