import Foundation
import GRDB
import SyncCore

extension StateStore {
    // MARK: - Full snapshots

    /// Starts a full snapshot of `side` and returns its sequence number, to pass to `ingest` and
    /// `finishSnapshot`.
    public func beginSnapshot(_ side: Side) async throws -> Int64 {
        try await write("begin a \(side.rawValue) snapshot") { tx in
            try tx.db.execute(
                sql: "INSERT INTO snapshots (side, started_at) VALUES (?, ?)", arguments: [side.rawValue, tx.now])
            return tx.db.lastInsertedRowID
        }
    }

    /// Stores one page of a full snapshot (insert or replace by id).
    ///
    /// Pages are committed in groups of about `ingestGroupSize` records (20,000 by default),
    /// each group in one transaction and in id order, and the last group commits inside
    /// `finishSnapshot`: a random-id index costs about one index page per record per commit, so
    /// committing every 500-record API page would write several times the data stored. Rows of
    /// an unfinished snapshot may therefore not be readable yet; an interrupted snapshot is
    /// simply taken again. Projections are encoded before the write lock is taken, so callers
    /// may ingest from several tasks and overlap encoding with writing.
    ///
    /// - Throws: `StoreError.Code.snapshotNotOpen` when `seq` is not an open snapshot of `side`.
    public func ingest(_ side: Side, _ page: [MirrorRecord], snapshot seq: Int64) async throws {
        try await read("check the \(side.rawValue) snapshot \(seq)") { db in
            try StoreTransaction.requireOpenSnapshot(db, side, seq, path: self.path)
        }
        guard let group = ingestBuffer.add(page.map(EncodedMirrorRow.init), seq: seq) else { return }
        try await write("store a group of \(side.rawValue) records") { tx in
            try tx.requireOpenSnapshot(side, seq)
            try tx.upsertEncoded(side, Self.inIdOrder(group), seq: seq)
        }
    }

    /// Rows sorted by id, stable so a later duplicate (overlapping pages) is written last and wins.
    static func inIdOrder(_ rows: [EncodedMirrorRow]) -> [EncodedMirrorRow] {
        rows.sorted { $0.id < $1.id }
    }

    /// Ends a full snapshot: records it did not see are deleted on that side, so they are
    /// copied to `audit` (reason `missing from full snapshot`) and removed from the mirror.
    ///
    /// - Parameter runId: the run the snapshot belongs to, recorded in the audit rows.
    public func finishSnapshot(_ side: Side, snapshot seq: Int64, runId: Int64? = nil) async throws -> SnapshotOutcome {
        let remaining = Self.inIdOrder(ingestBuffer.take(seq: seq))
        return try await write("finish the \(side.rawValue) snapshot \(seq)") { tx in
            try tx.requireOpenSnapshot(side, seq)
            try tx.upsertEncoded(side, remaining, seq: seq)
            let table = side.mirrorTable
            let now = tx.now
            let seen = try Int.fetchOne(
                tx.db, sql: "SELECT count(*) FROM \(table) WHERE snapshot_seq = ?", arguments: [seq]) ?? 0
            let removed = try String.fetchAll(
                tx.db, sql: "SELECT id FROM \(table) WHERE snapshot_seq < ? ORDER BY id", arguments: [seq])
            try tx.db.execute(
                sql: """
                    INSERT INTO audit (run_id, side, record_id, field, old_value, new_value, reason, at)
                    SELECT ?, ?, id, NULL, raw, NULL, 'missing from full snapshot', ? FROM \(table) WHERE snapshot_seq < ?
                    """,
                arguments: [runId, side.rawValue, now, seq])
            try tx.db.execute(sql: "DELETE FROM \(table) WHERE snapshot_seq < ?", arguments: [seq])
            try tx.db.execute(
                sql: "UPDATE snapshots SET finished_at = ?, seen = ?, removed = ? WHERE seq = ?",
                arguments: [now, seen, removed.count, seq])
            return SnapshotOutcome(side: side, seq: seq, seen: seen, removedIds: removed)
        }
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
            return try ProjectionCodec.decode(data)
        }
    }

    /// One mirrored record's raw API JSON, or `nil` when the mirror does not hold it.
    public func rawRecord(_ side: Side, id: String) async throws -> String? {
        try await read("read \(side.recordNoun) \(id)") { db in
            try String.fetchOne(db, sql: "SELECT raw FROM \(side.mirrorTable) WHERE id = ?", arguments: [id])
        }
    }
}

extension StoreTransaction {
    /// Inserts or replaces records in `side`'s mirror, marked as seen by the latest snapshot.
    public func upsertMirror(_ side: Side, _ records: [MirrorRecord]) throws {
        let seq = try Int64.fetchOne(
            db, sql: "SELECT max(seq) FROM snapshots WHERE side = ?", arguments: [side.rawValue]) ?? 0
        try upsertEncoded(side, records.map(EncodedMirrorRow.init), seq: seq)
    }

    /// Removes records from `side`'s mirror, copying each to `audit` with `reason`.
    public func removeMirror(_ side: Side, ids: [String], runId: Int64?, reason: String) throws {
        let table = side.mirrorTable
        let now = self.now
        let audit = try db.cachedStatement(
            sql: """
                INSERT INTO audit (run_id, side, record_id, field, old_value, new_value, reason, at)
                SELECT ?, ?, id, NULL, raw, NULL, ?, ? FROM \(table) WHERE id = ?
                """)
        let delete = try db.cachedStatement(sql: "DELETE FROM \(table) WHERE id = ?")
        for id in ids {
            try audit.execute(arguments: [runId, side.rawValue, reason, now, id])
            try delete.execute(arguments: [id])
        }
    }

    func upsertEncoded(_ side: Side, _ rows: [EncodedMirrorRow], seq: Int64) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO \(side.mirrorTable) (id, raw, projection, updated_at_ms, version, snapshot_seq)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET raw = excluded.raw, projection = excluded.projection,
                    updated_at_ms = excluded.updated_at_ms, version = excluded.version,
                    snapshot_seq = excluded.snapshot_seq
                """)
        for row in rows {
            statement.setUncheckedArguments([row.id, row.raw, row.projection, row.updatedAtMs, row.version, seq])
            try statement.execute()
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
