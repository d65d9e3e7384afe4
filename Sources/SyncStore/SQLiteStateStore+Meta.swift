import Foundation
import GRDB

extension SQLiteStateStore {
    /// The hash of the mapping the base was written with, or `nil` before the first run.
    ///
    /// The planner compares it with the current mapping's hash: a changed mapping trips the
    /// `mappingChanged` safety rail, because old base values no longer mean the same fields.
    public func mappingHash() async throws -> String? {
        try await metaValue("mapping_hash")
    }

    /// Records the hash of the mapping the base is now written with.
    public func setMappingHash(_ hash: String) async throws {
        try await transaction { try $0.setMeta("mapping_hash", hash) }
    }

    /// Whether the migration `identifier` (`v3`, ...) was applied: what a reader of an older
    /// file (opened read-only, so not upgraded) can rely on.
    public func hasSchema(_ identifier: String) async throws -> Bool {
        try await read("read the schema version") { db in
            try StateSchema.migrator.appliedIdentifiers(db).contains(identifier)
        }
    }

    /// The schema version the file is at (`v1`, ...).
    public func schemaVersion() async throws -> String {
        try await read("read the schema version") { db in
            try StateSchema.migrator.appliedMigrations(db).last ?? "none"
        }
    }

    func metaValue(_ key: String) async throws -> String? {
        try await read("read \(key)") { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        }
    }
}

extension StoreTransaction {
    /// Sets a `meta` value (mapping hash and other facts about the file).
    func setMeta(_ key: String, _ value: String) throws {
        try db.execute(
            sql: """
                INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
            arguments: [key, value, now])
    }
}
