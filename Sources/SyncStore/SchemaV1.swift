import Foundation
import GRDB

/// Schema version 1 of the state file. Released migrations are never edited.
///
/// Times written by fgsync (runs, journal, audit, ...) are GRDB dates (`YYYY-MM-DD HH:MM:SS.SSS`,
/// UTC). Server times in the mirrors are epoch milliseconds, cheap to write a million of.
/// Values (`FieldValue`, operations, responses) are JSON text, readable with `sqlite3`.
enum SchemaV1 {
    static let statements: [String] = [
        // Key/value facts about the file: schema name, mapping hash the base was written with.
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL)
        """,
        // One row per sync run (reconcile, sync, plan).
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            counts TEXT)
        """,
        // One row per full snapshot of one side; mirror rows remember the last one that saw them.
        """
        CREATE TABLE snapshots (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            side TEXT NOT NULL CHECK (side IN ('fulcrum', 'ghl')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            seen INTEGER,
            removed INTEGER)
        """,
        // Mirror of the Fulcrum form's records: the API's JSON and our canonical projection.
        """
        CREATE TABLE fulcrum_records (
            id TEXT PRIMARY KEY NOT NULL,
            raw TEXT NOT NULL,
            projection BLOB NOT NULL,
            updated_at_ms INTEGER,
            version INTEGER,
            snapshot_seq INTEGER NOT NULL)
        """,
        "CREATE INDEX fulcrum_records_by_snapshot ON fulcrum_records(snapshot_seq)",
        // Mirror of the GHL location's contacts (no version: GHL has none).
        """
        CREATE TABLE ghl_contacts (
            id TEXT PRIMARY KEY NOT NULL,
            raw TEXT NOT NULL,
            projection BLOB NOT NULL,
            updated_at_ms INTEGER,
            version INTEGER,
            snapshot_seq INTEGER NOT NULL)
        """,
        "CREATE INDEX ghl_contacts_by_snapshot ON ghl_contacts(snapshot_seq)",
        // Identity: which Fulcrum record is which GHL contact. One to one. Keyed tables
        // (WITHOUT ROWID) so the key order is the storage order and each row is written once.
        """
        CREATE TABLE links (
            fulcrum_id TEXT PRIMARY KEY NOT NULL,
            contact_id TEXT NOT NULL UNIQUE,
            linked_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        // The last agreed state per linked pair. Removing a link removes its base; the store
        // checks that a base's contact_id is the linked one before writing it.
        """
        CREATE TABLE base (
            fulcrum_id TEXT PRIMARY KEY NOT NULL REFERENCES links(fulcrum_id) ON DELETE CASCADE,
            contact_id TEXT NOT NULL UNIQUE,
            state BLOB NOT NULL,
            deleted_side TEXT CHECK (deleted_side IN ('fulcrum', 'ghl')),
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        // Every conflict seen, resolved by policy or waiting for a person.
        """
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs(id),
            fulcrum_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            field TEXT NOT NULL,
            base_value TEXT,
            fulcrum_value TEXT,
            ghl_value TEXT,
            fulcrum_updated_at TEXT,
            ghl_updated_at TEXT,
            winner TEXT CHECK (winner IN ('fulcrum', 'ghl')),
            rule TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
            resolution TEXT,
            detected_at TEXT NOT NULL,
            resolved_at TEXT)
        """,
        "CREATE INDEX conflicts_by_pair ON conflicts(fulcrum_id, contact_id)",
        "CREATE INDEX conflicts_open ON conflicts(status) WHERE status = 'open'",
        // Every value fgsync overwrote and every record it saw deleted: nothing is lost.
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs(id),
            side TEXT NOT NULL CHECK (side IN ('fulcrum', 'ghl')),
            record_id TEXT NOT NULL,
            field TEXT,
            old_value TEXT,
            new_value TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL)
        """,
        "CREATE INDEX audit_by_record ON audit(side, record_id)",
        // Write-ahead journal of API writes: pending before the call, done/failed after.
        """
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            seq INTEGER NOT NULL,
            fulcrum_id TEXT,
            contact_id TEXT,
            side TEXT NOT NULL CHECK (side IN ('fulcrum', 'ghl')),
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
            response TEXT,
            error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (run_id, seq))
        """,
        "CREATE INDEX journal_pending ON journal(state) WHERE state = 'pending'",
        // Resume points of incremental reads (Fulcrum history sequence, GHL searchAfter, ...).
        """
        CREATE TABLE cursors (
            name TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL)
        """,
        // Webhook events, stored durably first and deduplicated by event id.
        """
        CREATE TABLE webhook_inbox (
            event_id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL,
            received_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            processed_at TEXT)
        """,
        "CREATE INDEX webhook_inbox_unprocessed ON webhook_inbox(received_at) WHERE processed_at IS NULL",
    ]

    static func create(_ db: Database) throws {
        for sql in statements {
            try db.execute(sql: sql)
        }
        let now = Date()
        try db.execute(
            sql: "INSERT INTO meta (key, value, updated_at) VALUES ('schema', ?, ?), ('projection_codec', ?, ?)",
            arguments: [StateSchema.schemaName, now, ProjectionCodec.name, now])
    }
}
