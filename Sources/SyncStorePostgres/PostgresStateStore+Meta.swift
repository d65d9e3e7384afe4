import Foundation
import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// The hash of the mapping the base was written with, or `nil` before the first run.
    public func mappingHash() async throws -> String? {
        try await metaValue("mapping_hash")
    }

    /// Records the hash of the mapping the base is now written with.
    public func setMappingHash(_ hash: String) async throws {
        try await write("save the mapping hash") { tx in try await tx.setMeta("mapping_hash", hash) }
    }

    /// Whether the migration `identifier` (`v3`, ...) was applied to this schema.
    public func hasSchema(_ identifier: String) async throws -> Bool {
        try await read("read the schema version") { tx in
            try await tx.value("SELECT count(*) FROM fgsync_migrations WHERE identifier = \(identifier)", as: Int.self) == 1
        }
    }

    /// The schema version this sync's schema is at.
    public func schemaVersion() async throws -> String {
        try await read("read the schema version") { tx in
            try await tx.value("SELECT identifier FROM fgsync_migrations ORDER BY applied_order DESC LIMIT 1", as: String.self) ?? "none"
        }
    }

    func metaValue(_ key: String) async throws -> String? {
        try await read("read \(key)") { tx in try await tx.value("SELECT value FROM meta WHERE key = \(key)", as: String.self) }
    }

    /// Records that the app was installed in, or uninstalled from, the sync's location; an
    /// older fact than the one stored is ignored. Returns whether the record changed.
    @discardableResult
    public func recordInstallation(installed: Bool, at: Date, source: String, locationId: String) async throws -> Bool {
        let record = InstallationRecord(installed: installed, at: at, source: source, locationId: locationId)
        let text = try record.metaText()
        return try await write("record the installation") { tx in
            let key = InstallationRecord.metaKey
            let stored = InstallationRecord.fromMeta(try await tx.value("SELECT value FROM meta WHERE key = \(key)", as: String.self))
            guard record.replaces(stored) else { return false }
            try await tx.setMeta(key, text)
            return true
        }
    }

    /// The last installation fact recorded, or `nil` when none was.
    public func installation() async throws -> InstallationRecord? {
        InstallationRecord.fromMeta(try await metaValue(InstallationRecord.metaKey))
    }
}

extension PostgresTransaction {
    /// Sets a `meta` value.
    func setMeta(_ key: String, _ value: String) async throws {
        try await execute(
            """
            INSERT INTO meta (key, value, updated_at) VALUES (\(key), \(value), \(now))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """)
    }
}
