import Foundation
import Logging
import NIOSSL
import PostgresNIO
import SyncStore

/// One PostgreSQL database holding the state of several syncs: one connection pool
/// (`PostgresClient`) shared by every `PostgresStateStore` opened on it, each sync in its own
/// schema.
///
/// Made from a `postgres://user:password@host:port/database` URL (`?sslmode=disable|prefer|require`,
/// `?host=/socket/dir` for a unix socket). The password is kept only in the pool's
/// configuration: `description` and every error name the host, port, database and user.
/// Call `shutdown()` when no store needs it any more.
public final class PostgresConnector: Sendable, CustomStringConvertible {
    /// `postgres://user@host:port/database`, without the password: what messages show.
    public let description: String
    let client: PostgresClient
    let probe: PostgresConnection.Configuration
    private let runner: Task<Void, Never>

    /// Parses `url` and starts the pool (no connection is made until a store is opened).
    ///
    /// - Throws: `StoreError` with code `cannotOpen` when the URL is not a PostgreSQL URL.
    public init(url: String) throws {
        let parsed = try PostgresURL(url)
        description = parsed.description
        client = PostgresClient(configuration: try parsed.clientConfiguration())
        probe = try parsed.connectionConfiguration()
        let client = client
        runner = Task { await client.run() }
    }

    /// Closes the pool's connections; stores opened on it fail afterwards.
    public func shutdown() async {
        runner.cancel()
        _ = await runner.value
    }

    deinit { runner.cancel() }

    /// One connection of its own, outside the pool, for `body` (opening a store: a server that
    /// is down or refuses the password fails at once instead of waiting for the pool).
    func withProbeConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await PostgresConnection.connect(
            configuration: probe, id: 0, logger: PostgresStateStore.quietLogger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
