import Foundation
import GRDB

/// Schema `v4-children`: notes, tasks and appointments. Released migrations are never edited;
/// an older file is upgraded in place when opened for writing.
enum SchemaV4Children {
    static let statements: [String] = [
        // A GHL contact's children as last listed (`{"notes": [...], "tasks": [...], "events": [...]}`),
        // the run that listed them (only a listing of the current run is planned from), and the
        // pair's Fulcrum `version` and GHL `dateUpdated` then: a pair whose record or contact
        // moved since is listed again; a pair whose child writes failed loses its row.
        """
        CREATE TABLE ghl_children (
            contact_id TEXT PRIMARY KEY NOT NULL,
            items TEXT NOT NULL,
            listed_run INTEGER NOT NULL,
            fulcrum_id TEXT,
            fulcrum_version INTEGER,
            ghl_updated TEXT)
        """,
        // The agreed children of a pair (a JSON array of `ChildBase`).
        """
        CREATE TABLE child_base (
            fulcrum_id TEXT PRIMARY KEY NOT NULL,
            contact_id TEXT NOT NULL,
            children TEXT NOT NULL,
            updated_at TEXT NOT NULL)
        """,
    ]

    static func create(_ db: Database) throws {
        for sql in statements {
            try db.execute(sql: sql)
        }
    }
}
