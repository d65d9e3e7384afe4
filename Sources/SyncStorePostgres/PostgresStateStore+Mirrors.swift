import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    // MARK: - Full snapshots

    /// Starts a full snapshot of `side` and returns its sequence number.
    public func beginSnapshot(_ side: Side) async throws -> Int64 {
        let seq = try await write("begin a \(side.rawValue) snapshot") { tx in
            try await tx.value("INSERT INTO snapshots (side, started_at) VALUES (\(side.rawValue), \(tx.now)) RETURNING seq", as: Int64.self) ?? 0
        }
        ingestBuffer.begin(seq: seq)
        return seq
    }

    /// Stores one page of a full snapshot (see `StateStore.ingest`): unchanged records are not
    /// written; changed ones are committed in groups, the last inside `finishSnapshot`.
    public func ingest(_ side: Side, _ page: [MirrorRecord], snapshot seq: Int64) async throws {
        try await read("check the \(side.rawValue) snapshot \(seq)") { tx in try await tx.requireOpenSnapshot(side, seq) }
        guard ingestBuffer.markSeen(page, seq: seq) else { throw notBegunHere(side, seq) }
        var rows = try await changedRows(side, EncodedMirrorRow.encode(page))
        try await compressRaw(&rows, side: side)
        guard let group = ingestBuffer.add(rows, seq: seq) else { return }
        let ordered = EncodedMirrorRow.inIdOrder(group)
        try await write("store a group of \(side.rawValue) records") { tx in
            try await tx.requireOpenSnapshot(side, seq)
            try await tx.upsertEncoded(side, ordered)
        }
    }

    /// The rows of `rows` the mirror does not hold as they are.
    func changedRows(_ side: Side, _ rows: [EncodedMirrorRow]) async throws -> [EncodedMirrorRow] {
        guard !rows.isEmpty else { return rows }
        let ids = rows.map(\.id)
        let stored = try await read("compare \(side.rawValue) records with the mirror") { tx in
            var stored: [String: (Int64, Int?, Data)] = [:]
            for row in try await tx.rows(
                "SELECT id, raw_hash, version, projection FROM \(unescaped: side.mirrorTable) WHERE id = ANY(\(ids))")
            {
                let (id, hash, version, projection) = try row.decode((String, Int64, Int?, Data).self)
                stored[id] = (hash, version, projection)
            }
            return stored
        }
        guard !stored.isEmpty else { return rows }
        return rows.filter { row in
            guard let (rawHash, version, projection) = stored[row.id] else { return true }
            return rawHash != row.rawHash || version != row.version || projection != row.projection
        }
    }

    /// Ends a full snapshot: records it did not see are removed from the mirror and kept in `audit`.
    public func finishSnapshot(_ side: Side, snapshot seq: Int64, runId: Int64?) async throws -> SnapshotOutcome {
        let remaining = EncodedMirrorRow.inIdOrder(ingestBuffer.take(seq: seq))
        guard let seen = ingestBuffer.takeSeen(seq: seq) else { throw notBegunHere(side, seq) }
        return try await write("finish the \(side.rawValue) snapshot \(seq)") { tx in
            try await tx.requireOpenSnapshot(side, seq)
            try await tx.upsertEncoded(side, remaining)
            let table = side.mirrorTable
            var removed: [String] = []
            for row in try await tx.rows("SELECT id FROM \(unescaped: table) ORDER BY id") {
                let id = try row.decode(String.self)
                if !seen.contains(id) { removed.append(id) }
            }
            try await tx.removeMirror(side, ids: removed, runId: runId, reason: "missing from full snapshot")
            let kept = try await tx.value("SELECT count(*) FROM \(unescaped: table)", as: Int.self) ?? 0
            try await tx.execute(
                "UPDATE snapshots SET finished_at = \(tx.now), seen = \(kept), removed = \(removed.count) WHERE seq = \(seq)")
            return SnapshotOutcome(side: side, seq: seq, seen: kept, removedIds: removed)
        }
    }

    func notBegunHere(_ side: Side, _ seq: Int64) -> StoreError {
        StoreError(
            .snapshotNotOpen,
            "Snapshot \(seq) of \(side.rawValue) in \(location) was not begun by this process (or is already finished). "
                + "Begin, ingest and finish a snapshot with one StateStore; an interrupted snapshot is taken again from the start.",
            path: location)
    }

    // MARK: - Single records (delta sync)

    /// Inserts or replaces records outside a full snapshot (delta sync, webhook re-reads).
    public func upsert(_ side: Side, _ records: [MirrorRecord]) async throws {
        try await write("store \(side.rawValue) records") { tx in try await tx.upsertMirror(side, records) }
    }

    /// Removes records seen deleted (history feed, webhook), keeping each in `audit`.
    public func remove(_ side: Side, ids: [String], runId: Int64?, reason: String) async throws {
        try await write("remove \(side.rawValue) records") { tx in
            try await tx.removeMirror(side, ids: ids, runId: runId, reason: reason)
        }
    }

    /// When the last finished full snapshot of `side` started; `nil` when none finished.
    public func lastFullSnapshotStart(_ side: Side) async throws -> Date? {
        try await read("read the last \(side.rawValue) snapshot") { tx in
            try await tx.value(
                "SELECT max(started_at) FROM snapshots WHERE side = \(side.rawValue) AND finished_at IS NOT NULL", as: Date.self)
        }
    }

    /// The number of records in `side`'s mirror.
    public func mirrorCount(_ side: Side) async throws -> Int {
        try await read("count \(side.rawValue) records") { tx in
            try await tx.value("SELECT count(*) FROM \(unescaped: side.mirrorTable)", as: Int.self) ?? 0
        }
    }

    /// One mirrored record's projection, or `nil` when the mirror does not hold it.
    public func record(_ side: Side, id: String) async throws -> RecordState? {
        try await read("read \(side.recordNoun) \(id)") { tx in
            guard let data = try await tx.value("SELECT projection FROM \(unescaped: side.mirrorTable) WHERE id = \(id)", as: Data.self)
            else { return nil }
            var decoder = ProjectionDecoder()
            return try decoder.decode(data)
        }
    }

    /// One mirrored record's raw API JSON, or `nil` when the mirror does not hold it.
    public func rawRecord(_ side: Side, id: String) async throws -> String? {
        try await read("read \(side.recordNoun) \(id)") { tx in try await tx.rawRecord(side, id: id) }
    }
}

extension PostgresTransaction {
    /// Inserts or replaces records in `side`'s mirror.
    func upsertMirror(_ side: Side, _ records: [MirrorRecord]) async throws {
        var rows = records.map(EncodedMirrorRow.init)
        try await compressRaw(&rows, side: side)
        try await upsertEncoded(side, rows)
    }

    /// Removes records from `side`'s mirror, copying each (its raw JSON) to `audit` with `reason`.
    func removeMirror(_ side: Side, ids: [String], runId: Int64?, reason: String) async throws {
        for id in ids {
            guard let raw = try await rawRecord(side, id: id) else { continue }
            try await execute(
                """
                INSERT INTO audit (run_id, side, record_id, field, old_value, new_value, reason, at)
                VALUES (\(runId), \(side.rawValue), \(id), NULL, \(raw), NULL, \(reason), \(now))
                """)
            try await execute("DELETE FROM \(unescaped: side.mirrorTable) WHERE id = \(id)")
        }
    }

    /// Writes rows whose raw JSON is compressed; a row equal to the stored one is not rewritten.
    ///
    /// Up to `upsertBatch` rows per statement (one round trip each, not one per row); an id
    /// given twice is written once, as its last row (PostgreSQL refuses to update one row twice
    /// in a statement).
    func upsertEncoded(_ side: Side, _ rows: [EncodedMirrorRow]) async throws {
        var last: [String: Int] = [:]
        for (index, row) in rows.enumerated() { last[row.id] = index }
        let unique = rows.enumerated().filter { last[$0.element.id] == $0.offset }.map(\.element)
        for start in stride(from: 0, to: unique.count, by: Self.upsertBatch) {
            let batch = unique[start..<min(start + Self.upsertBatch, unique.count)]
            var binds = PostgresBindings(capacity: batch.count * 8)
            var tuples: [String] = []
            tuples.reserveCapacity(batch.count)
            for (offset, row) in batch.enumerated() {
                guard let compressed = row.compressedRaw else {
                    preconditionFailure("upsertEncoded needs compressed rows (compressRaw)")
                }
                let first = offset * 8
                tuples.append("(" + (1...8).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                binds.append(row.id)
                try binds.append(row.projection)
                try binds.append(row.digest)
                try binds.append(compressed)
                binds.append(row.dictionaryId)
                binds.append(row.rawHash)
                binds.append(row.updatedAtMs)
                binds.append(row.version)
            }
            let table = side.mirrorTable
            try await execute(PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(table) AS m (id, projection, digest, raw, raw_dict, raw_hash, updated_at_ms, version)
                    VALUES \(tuples.joined(separator: ", "))
                    ON CONFLICT (id) DO UPDATE SET projection = excluded.projection, digest = excluded.digest,
                        raw = excluded.raw, raw_dict = excluded.raw_dict, raw_hash = excluded.raw_hash,
                        updated_at_ms = excluded.updated_at_ms, version = excluded.version
                    WHERE m.raw_hash IS DISTINCT FROM excluded.raw_hash OR m.version IS DISTINCT FROM excluded.version
                        OR m.projection IS DISTINCT FROM excluded.projection
                    """,
                binds: binds))
        }
    }

    /// Rows per mirror upsert statement: 8 parameters each, well under PostgreSQL's 65,535.
    static var upsertBatch: Int { 1_000 }

    /// One mirrored record's raw JSON text.
    func rawRecord(_ side: Side, id: String) async throws -> String? {
        guard let row = try await rows("SELECT raw, raw_dict FROM \(unescaped: side.mirrorTable) WHERE id = \(id)").first
        else { return nil }
        let (compressed, dictionary) = try row.decode((Data, Int64).self)
        return try await expandRaw(compressed, dictionaryId: dictionary)
    }

    func requireOpenSnapshot(_ side: Side, _ seq: Int64) async throws {
        let open = try await value("SELECT finished_at IS NULL FROM snapshots WHERE seq = \(seq) AND side = \(side.rawValue)", as: Bool.self)
        guard open == true else {
            throw StoreError(
                .snapshotNotOpen,
                "Snapshot \(seq) of \(side.rawValue) in \(location) was never begun, belongs to the other side, or is already finished. "
                    + "Call beginSnapshot(.\(side.rawValue)) and use the number it returns.",
                path: location)
        }
    }
}
