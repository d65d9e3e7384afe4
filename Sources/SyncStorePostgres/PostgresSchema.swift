import Foundation
import PostgresNIO
import SyncStore

/// The versioned layout of one sync's schema in PostgreSQL, with its own migration table
/// (`fgsync_migrations`), so a later change migrates a schema in place.
///
/// The tables are the SQLite state file's at `v6-folded-links`, in PostgreSQL's types: the same
/// blobs (projection, compressed raw JSON, digests) in `bytea` columns, times as `timestamptz`,
/// ids from identity columns, text keys in the "C" collation (byte order, as SQLite sorts). The
/// first migration records the SQLite identifiers it stands for, so `hasSchema("v3")` and
/// `schemaVersion()` answer as they do for a state file. Rules as for the file: a released
/// migration is never edited; a schema holding a migration this build does not know came from a
/// newer fgsync and is refused.
enum PostgresSchema {
    struct Migration {
        /// The identifiers recorded once it ran.
        var identifiers: [String]
        var statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            identifiers: ["v1", "v2", "v3", "v4-children", "v5-lean", "v6-folded-links"],
            statements: PostgresSchemaV6.statements),
        // The state file's v7 packs projections (`PackedBlob`); PostgreSQL keeps them as the
        // codec's bytes (a copy from a file unpacks them), so nothing changes here, and the
        // identifier keeps `schemaVersion()` answering as it does for a state file.
        Migration(identifiers: ["v7-packed-projections"], statements: []),
        // The state file's v8 keeps each pair's agreement in flags maintained by triggers;
        // PostgreSQL plans with its join as before.
        Migration(identifiers: ["v8-agreement-flags"], statements: []),
    ]

    /// Every identifier this build knows, in order.
    static var known: [String] { migrations.flatMap(\.identifiers) }

    /// The latest version this build writes.
    static var currentVersion: String { known.last ?? "v0" }

    /// Creates the schema when missing, refuses a newer or foreign one, then applies pending
    /// migrations, all in one transaction holding a lock on the schema's name, so two processes
    /// opening one sync at once migrate it once.
    static func migrate(_ connection: PostgresConnection, schema: PostgresSchemaName, location: String, readOnly: Bool) async throws {
        let logger = PostgresStateStore.quietLogger
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema.name)))", logger: logger)
            let exists = try await connection.query(
                "SELECT count(*) FROM pg_namespace WHERE nspname = \(schema.name)", logger: logger
            ).collect().first?.decode(Int.self) ?? 0
            if exists == 0 {
                guard !readOnly else {
                    throw StoreError(
                        .noState,
                        "There is no state in \(location). Give the state URL of a sync that has run, or run `fgsync reconcile` first.",
                        path: location)
                }
                try await connection.query("CREATE SCHEMA \(unescaped: schema.quoted)", logger: logger)
            }
            let hasTable = try await connection.query(
                "SELECT count(*) FROM pg_tables WHERE schemaname = \(schema.name) AND tablename = 'fgsync_migrations'",
                logger: logger
            ).collect().first?.decode(Int.self) ?? 0
            var applied: [String] = []
            if hasTable > 0 {
                for row in try await connection.query(
                    "SELECT identifier FROM \(unescaped: schema.quoted).fgsync_migrations ORDER BY applied_order", logger: logger
                ).collect() {
                    applied.append(try row.decode(String.self))
                }
            } else {
                let tables = try await connection.query(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = \(schema.name)", logger: logger
                ).collect().first?.decode(Int.self) ?? 0
                if tables > 0 {
                    throw StoreError(
                        .notAStateFile,
                        "\(location) holds tables fgsync did not create. Give fgsync a schema of its own (the sync's name picks it).",
                        path: location)
                }
            }
            let unknown = Set(applied).subtracting(known)
            if !unknown.isEmpty {
                throw StoreError(
                    .newerFormat,
                    "The state in \(location) was written by a newer fgsync (schema \(unknown.sorted().joined(separator: ", ")); "
                        + "this build knows up to \(currentVersion)). Upgrade fgsync to open it; do not drop the schema, it holds the sync history.",
                    path: location)
            }
            if !readOnly {
                try await apply(pendingAfter: Set(applied), connection, schema: schema, location: location, hasTable: hasTable > 0)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func apply(
        pendingAfter applied: Set<String>, _ connection: PostgresConnection, schema: PostgresSchemaName, location: String, hasTable: Bool
    ) async throws {
        let logger = PostgresStateStore.quietLogger
        try await connection.query("SET LOCAL search_path TO \(unescaped: schema.quoted)", logger: logger)
        if !hasTable {
            try await connection.query(
                """
                CREATE TABLE fgsync_migrations (
                    identifier text PRIMARY KEY, applied_order integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
        }
        var order = applied.count
        for migration in migrations where !migration.identifiers.allSatisfy(applied.contains) {
            do {
                for statement in migration.statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
            } catch {
                throw StoreError(
                    .migrationFailed,
                    "Upgrading the state in \(location) to schema \(migration.identifiers.last ?? "?") failed: "
                        + "\(PostgresStateStore.describe(error)). Nothing was changed; report the problem.",
                    path: location)
            }
            for identifier in migration.identifiers where !applied.contains(identifier) {
                order += 1
                try await connection.query(
                    "INSERT INTO fgsync_migrations (identifier, applied_order) VALUES (\(identifier), \(order))", logger: logger)
            }
        }
    }
}
