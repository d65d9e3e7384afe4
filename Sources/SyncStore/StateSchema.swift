import Foundation
import GRDB

/// The versioned schema of the state file, as `DatabaseMigrator` migrations.
///
/// Rules: a migration, once released, is never edited; changes go in a new migration appended
/// at the end (`v2`, ...). An old file is upgraded in place when opened; a file whose applied
/// migrations include one this build does not know came from a newer fgsync and is refused.
enum StateSchema {
    /// The identifier written in `meta.schema` so foreign SQLite files are recognised.
    static let schemaName = "fgsync-state"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: SchemaV1.create)
        migrator.registerMigration("v2", migrate: SchemaV2.create)
        migrator.registerMigration("v3", migrate: SchemaV3.create)
        migrator.registerMigration("v4-children", migrate: SchemaV4Children.create)
        migrator.registerMigration("v5-lean", migrate: SchemaV5Lean.create)
        migrator.registerMigration("v6-folded-links", migrate: SchemaV6FoldedLinks.create)
        migrator.registerMigration("v7-packed-projections", migrate: SchemaV7PackedProjections.create)
        migrator.registerMigration("v8-agreement-flags", migrate: SchemaV8AgreementFlags.create)
        return migrator
    }

    /// The latest version this build writes.
    static var currentVersion: String { migrator.migrations.last ?? "v0" }

    /// Refuses newer or foreign files, then applies pending migrations (none when `readOnly`:
    /// an old file is then read as it is, and tables it lacks read as empty).
    static func migrate(_ pool: DatabasePool, path: String, readOnly: Bool = false) throws {
        let migrator = migrator
        let known = Set(migrator.migrations)
        do {
            let check = { (db: Database) throws -> Void in
                let applied = try migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(known)
                if !unknown.isEmpty {
                    throw StoreError(
                        .newerFormat,
                        "The state file \(path) was written by a newer fgsync (schema \(unknown.sorted().joined(separator: ", ")); "
                            + "this build knows up to \(currentVersion)). Upgrade fgsync to open it; do not delete the file, it holds the sync history.",
                        path: path)
                }
                if applied.isEmpty, try hasForeignTables(db) {
                    throw StoreError(
                        .notAStateFile,
                        "\(path) is an SQLite database but not an fgsync state file (it has tables fgsync did not create). "
                            + "Point fgsync at its own state file, or at a path that does not exist yet.",
                        path: path)
                }
            }
            if readOnly { try pool.read(check) } else { try pool.barrierWriteWithoutTransaction(check) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw SQLiteStateStore.openError(error, path: path)
        }
        if readOnly { return }
        do {
            try migrator.migrate(pool)
        } catch {
            throw StoreError(
                .migrationFailed,
                "Upgrading the state file \(path) to schema \(currentVersion) failed: \(error). "
                    + "The file was left as it was; keep a copy and report the problem.",
                path: path)
        }
    }

    static func hasForeignTables(_ db: Database) throws -> Bool {
        let count = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'") ?? 0
        return count > 0
    }
}
