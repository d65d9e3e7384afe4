import GRDB

/// Schema `v8-agreement-flags`: each base says whether each side's mirror row agrees with it.
///
/// Planning a million pairs looked up both mirror rows of every pair by id to compare their
/// digests with the base's: four random B-tree searches a pair, 4-5 s of the plan (SQLite's own
/// command-line tool took 5.5 s for that join alone). `fulcrum_agrees` and `ghl_agrees` hold
/// that comparison (1: the side's row is there and its `AgreementDigest` equals the base's),
/// so the pair stream reads `base` in key order and looks up the mirrors only of pairs that do
/// not agree. Triggers keep the flags true to the rows whatever writes them: a mirror row
/// inserted, changed or deleted updates its pair's flag, and a base inserted, relinked or given
/// new digests looks its two rows up again. The flags are derived, so a copy
/// (`exportRows`) leaves them out and the triggers set them again on import.
///
/// Released migrations are never edited.
enum SchemaV8AgreementFlags {
    static let flagColumns: Set<String> = ["fulcrum_agrees", "ghl_agrees"]

    static func create(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE base ADD COLUMN fulcrum_agrees INTEGER NOT NULL DEFAULT 0")
        try db.execute(sql: "ALTER TABLE base ADD COLUMN ghl_agrees INTEGER NOT NULL DEFAULT 0")
        try db.execute(
            sql: """
                UPDATE base SET
                    fulcrum_agrees = coalesce(fulcrum_digest = (SELECT digest FROM fulcrum_records WHERE id = base.fulcrum_id), 0),
                    ghl_agrees = coalesce(ghl_digest = (SELECT digest FROM ghl_contacts WHERE id = base.contact_id), 0)
                """)
        let sides = [
            (table: "fulcrum_records", key: "fulcrum_id", flag: "fulcrum_agrees", digest: "fulcrum_digest"),
            (table: "ghl_contacts", key: "contact_id", flag: "ghl_agrees", digest: "ghl_digest"),
        ]
        for (table, key, flag, digest) in sides {
            for event in ["INSERT", "UPDATE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER \(table)_agreement_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                            UPDATE base SET \(flag) = coalesce(\(digest) = NEW.digest, 0)
                            WHERE \(key) = NEW.id;
                        END
                        """)
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_agreement_delete AFTER DELETE ON \(table) BEGIN
                        UPDATE base SET \(flag) = 0 WHERE \(key) = OLD.id;
                    END
                    """)
        }
        let lookUp = """
                UPDATE base SET
                    fulcrum_agrees = coalesce(NEW.fulcrum_digest = (SELECT digest FROM fulcrum_records WHERE id = NEW.fulcrum_id), 0),
                    ghl_agrees = coalesce(NEW.ghl_digest = (SELECT digest FROM ghl_contacts WHERE id = NEW.contact_id), 0)
                WHERE fulcrum_id = NEW.fulcrum_id;
            """
        try db.execute(sql: "CREATE TRIGGER base_agreement_insert AFTER INSERT ON base BEGIN \(lookUp) END")
        try db.execute(
            sql: "CREATE TRIGGER base_agreement_update AFTER UPDATE OF contact_id, fulcrum_digest, ghl_digest ON base BEGIN \(lookUp) END")
    }
}
