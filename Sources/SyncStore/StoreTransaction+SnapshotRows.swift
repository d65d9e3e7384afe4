import GRDB
import SyncCore

extension StoreTransaction {
    /// Writes a group of snapshot rows (`upsertEncoded`), with `side`'s mirror triggers that
    /// keep the bases' agreement flags (`SchemaV8AgreementFlags`) set aside while the file has
    /// no base at all.
    ///
    /// Those triggers run an `UPDATE base` sub-program for every row written: with no base they
    /// change nothing, yet in SQLite's command-line tool they added 0.3-0.6 s to 500,000 inserts
    /// that took 0.7-0.9 s without them. No base at all is the state of a first sync, which
    /// records its bases only as it applies. They are dropped and made again from their own
    /// stored SQL in the same transaction, so no other connection ever sees the file without
    /// them, and a failure rolls the drop back with the rows.
    /// An empty group (a snapshot whose last group was already written) writes nothing.
    func upsertSnapshotRows(_ side: Side, _ rows: [EncodedMirrorRow], order: [Int]) throws {
        guard !rows.isEmpty else { return }
        let anyBase = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM base)") ?? true
        guard !anyBase else { return try upsertEncoded(side, rows, order: order) }
        let triggers = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?)",
            arguments: [side.mirrorTable, "\(side.mirrorTable)_agreement_insert", "\(side.mirrorTable)_agreement_update"])
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
        try upsertEncoded(side, rows, order: order)
        for trigger in triggers { try db.execute(sql: trigger["sql"]) }
    }
}
