import GRDB

/// Schema `v6-folded-links`: a pair's link lives in its base row.
///
/// Up to v5 every base repeated its link's row in `links` (the same two ids, the same two
/// unique indexes: about 210 bytes a pair, and a second scattered index to write for every new
/// pair). From v6 a linked pair with a base is one `base` row, which carries `linked_at`, and
/// `links` keeps only the links without a base (a pair whose base was forgotten, the link
/// kept). The two tables never hold the same Fulcrum record or contact; the store checks both
/// before writing either, inside the write transaction.
///
/// Released migrations are never edited; an older file is upgraded in place when opened for
/// writing.
enum SchemaV6FoldedLinks {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE base_v6 (
                    fulcrum_id TEXT PRIMARY KEY NOT NULL,
                    contact_id TEXT NOT NULL UNIQUE,
                    state BLOB NOT NULL,
                    deleted_side TEXT CHECK (deleted_side IN ('fulcrum', 'ghl')),
                    updated_at TEXT NOT NULL,
                    fulcrum_digest BLOB,
                    ghl_digest BLOB,
                    linked_at TEXT NOT NULL
                ) WITHOUT ROWID
                """)
        // In key order, so the new table is written once, page after page. A base always had its
        // link (a foreign key); its contact is the linked one (the store checked it on writing).
        try db.execute(
            sql: """
                INSERT INTO base_v6 (fulcrum_id, contact_id, state, deleted_side, updated_at, fulcrum_digest, ghl_digest, linked_at)
                SELECT b.fulcrum_id, b.contact_id, b.state, b.deleted_side, b.updated_at, b.fulcrum_digest, b.ghl_digest,
                    coalesce(l.linked_at, b.updated_at)
                FROM base b LEFT JOIN links l ON l.fulcrum_id = b.fulcrum_id
                ORDER BY b.fulcrum_id
                """)
        try db.execute(sql: "DELETE FROM links WHERE fulcrum_id IN (SELECT fulcrum_id FROM base_v6)")
        try db.execute(sql: "DROP TABLE base")
        try db.execute(sql: "ALTER TABLE base_v6 RENAME TO base")
    }
}
