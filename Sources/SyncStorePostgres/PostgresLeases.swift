import Foundation
import PostgresNIO
import SyncStore

/// Which worker runs which sync, when several `serve` processes share one database: a lease
/// per sync name, taken for a while and renewed while the work goes on.
///
/// One `leases` row per sync (sync name, holder, expires_at), in a schema shared by every
/// sync (`fgsync` by default, apart from the syncs' own `fgsync_<name>` schemas). Taking is one
/// upsert that succeeds only when no lease exists, the lease expired, or the holder already
/// has it, so two holders never both hold one sync; a holder that stops renewing loses the
/// lease once it expires and another takes it over. Times come from `clock` when given (tests),
/// else from the database server's clock, which every worker shares.
public struct PostgresLeases: Sendable {
    /// A lease held: whose, on which sync, until when.
    public struct Lease: Sendable, Hashable {
        /// The sync's name.
        public var sync: String
        /// Who holds it (a worker's id).
        public var holder: String
        /// When it runs out unless renewed.
        public var expiresAt: Date
    }

    let connector: PostgresConnector
    let schema: PostgresSchemaName
    let clock: StoreClock?

    /// Opens the leases of `connector`'s database, creating their table when missing.
    ///
    /// - Throws: `StoreError` with code `cannotOpen` when the server cannot be reached.
    public static func open(connector: PostgresConnector, schema: String = "fgsync", clock: StoreClock? = nil) async throws -> PostgresLeases {
        let location = "\(connector.description) schema \(schema)"
        let name = try PostgresSchemaName(schema, location: location)
        let logger = PostgresStateStore.quietLogger
        do {
            try await connector.withProbeConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(name.name)))", logger: logger)
                    try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: name.quoted)", logger: logger)
                    try await connection.query(
                        """
                        CREATE TABLE IF NOT EXISTS \(unescaped: name.quoted).leases (
                            sync_name text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL,
                            taken_at timestamptz NOT NULL)
                        """, logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw PostgresStateStore.openError(error, location: location)
        }
        return PostgresLeases(connector: connector, schema: name, clock: clock)
    }

    /// Takes the lease on `sync` for `holder` until `duration` from now, or renews it when
    /// `holder` has it already; `nil` while another holder's lease has not expired.
    public func take(sync: String, holder: String, for duration: Duration) async throws -> Lease? {
        let now = clock?.now()
        let rows = try await run("take the lease on \(sync)") { connection in
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema.quoted).leases AS l (sync_name, holder, expires_at, taken_at)
                VALUES (\(sync), \(holder), coalesce(\(now), clock_timestamp()) + make_interval(secs => \(Self.seconds(duration))),
                    coalesce(\(now), clock_timestamp()))
                ON CONFLICT (sync_name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
                    taken_at = CASE WHEN l.holder = excluded.holder THEN l.taken_at ELSE excluded.taken_at END
                WHERE l.holder = excluded.holder OR l.expires_at <= coalesce(\(now), clock_timestamp())
                RETURNING expires_at
                """, logger: PostgresStateStore.quietLogger
            ).collect()
        }
        guard let row = rows.first else { return nil }
        return Lease(sync: sync, holder: holder, expiresAt: try row.decode(Date.self))
    }

    /// Extends `holder`'s lease on `sync` to `duration` from now; `false` when it lost the
    /// lease (it expired, or was released): the holder must stop working the sync.
    public func renew(sync: String, holder: String, for duration: Duration) async throws -> Bool {
        let now = clock?.now()
        let rows = try await run("renew the lease on \(sync)") { connection in
            try await connection.query(
                """
                UPDATE \(unescaped: schema.quoted).leases
                SET expires_at = coalesce(\(now), clock_timestamp()) + make_interval(secs => \(Self.seconds(duration)))
                WHERE sync_name = \(sync) AND holder = \(holder) AND expires_at > coalesce(\(now), clock_timestamp())
                RETURNING 1
                """, logger: PostgresStateStore.quietLogger
            ).collect()
        }
        return rows.count == 1
    }

    /// Gives up `holder`'s lease on `sync` at once, so another holder can take it; nothing
    /// happens when `holder` does not hold it.
    public func release(sync: String, holder: String) async throws {
        _ = try await run("release the lease on \(sync)") { connection in
            try await connection.query(
                "DELETE FROM \(unescaped: schema.quoted).leases WHERE sync_name = \(sync) AND holder = \(holder)",
                logger: PostgresStateStore.quietLogger
            ).collect()
        }
    }

    /// The lease on `sync` as stored (it may have expired), or `nil`.
    public func lease(sync: String) async throws -> Lease? {
        let rows = try await run("read the lease on \(sync)") { connection in
            try await connection.query(
                "SELECT holder, expires_at FROM \(unescaped: schema.quoted).leases WHERE sync_name = \(sync)",
                logger: PostgresStateStore.quietLogger
            ).collect()
        }
        guard let row = rows.first else { return nil }
        let (holder, expiresAt) = try row.decode((String, Date).self)
        return Lease(sync: sync, holder: holder, expiresAt: expiresAt)
    }

    private func run(_ what: String, _ body: (PostgresConnection) async throws -> [PostgresRow]) async throws -> [PostgresRow] {
        do {
            return try await connector.client.withConnection(body)
        } catch {
            throw StoreError(
                .database,
                "Could not \(what) in \(connector.description) schema \(schema.name): \(PostgresStateStore.describe(error)). "
                    + "Check the database server is up and reachable.",
                path: "\(connector.description) schema \(schema.name)")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
