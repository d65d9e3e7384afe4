import Foundation
import GRDB

/// Schema version 2: the report of every run, and people's decisions on open conflicts.
/// Released migrations are never edited; a v1 file is upgraded in place when opened for writing.
enum SchemaV2 {
    static let statements: [String] = [
        // The `report.json` of each run (schema `fgsync.report/1`), so any past run's report can
        // be regenerated from the state file alone.
        """
        CREATE TABLE run_reports (
            run_id INTEGER PRIMARY KEY NOT NULL REFERENCES runs(id),
            report TEXT NOT NULL,
            saved_at TEXT NOT NULL)
        """,
        // A person's decision on an open conflict (`fgsync resolve`); the next run applies it and
        // records itself in `applied_run`.
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conflict_id INTEGER REFERENCES conflicts(id),
            fulcrum_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            field TEXT NOT NULL,
            choice TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            applied_run INTEGER REFERENCES runs(id))
        """,
        "CREATE INDEX decisions_pending ON decisions(fulcrum_id, field) WHERE applied_run IS NULL",
    ]

    static func create(_ db: Database) throws {
        for sql in statements {
            try db.execute(sql: sql)
        }
    }
}
