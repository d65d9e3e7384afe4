import Foundation
import Logging
import PostgresNIO
import SyncCore
import SyncStore

/// The state of one sync in PostgreSQL: the same tables as the SQLite state file, in the sync's
/// own schema (`fgsync_<sync name>`) of a database that several syncs and processes share.
///
/// Every call runs in one transaction on a connection of the shared `PostgresConnector`, with
/// `search_path` set to the sync's schema for that transaction only; reads are REPEATABLE READ
/// READ ONLY, so one call sees one consistent state. Opening creates the schema when missing
/// and migrates it in place; a schema from a newer fgsync is refused. All errors thrown are
/// `StoreError`; none names the password.
public final class PostgresStateStore: StateStore {
    /// `postgres://user@host:port/database` and the schema (never the password).
    public let location: String
    /// The clock used for every timestamp written.
    public let clock: StoreClock
    /// Whether this store was opened for reading only.
    public let isReadOnly: Bool
    let connector: PostgresConnector
    let schema: PostgresSchemaName
    let ownsConnector: Bool
    let ingestBuffer: IngestBuffer
    let rawDictionaries = PostgresRawDictionaries()
    /// Compressors kept between snapshot pages.
    let compressors = RawCompressorPool()
    private let closed = ClosedFlag()

    static let quietLogger = Logger(label: "fgsync.state.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The newest schema version this fgsync writes in PostgreSQL.
    public static var latestSchemaVersion: String { PostgresSchema.currentVersion }

    /// Opens the state in `schema` of the connector's database, creating and migrating the
    /// schema when needed (not when `readOnly`: then it must exist and is read as it is).
    ///
    /// - Parameter ingestGroupSize: full-snapshot pages are committed in groups of at least this
    ///   many records (see `ingest`).
    /// - Throws: `StoreError` with code `cannotOpen` (server down, password refused, no such
    ///   database or schema), `newerFormat`, `notAStateFile` or `migrationFailed`.
    public static func open(
        connector: PostgresConnector, schema: String, clock: StoreClock = .system, readOnly: Bool = false,
        ingestGroupSize: Int = 20_000
    ) async throws -> PostgresStateStore {
        try await open(connector: connector, owned: false, schema: schema, clock: clock, readOnly: readOnly, ingestGroupSize: ingestGroupSize)
    }

    /// Opens the state in `schema` of the database at `url`, with a connector of its own that
    /// `close()` shuts down. Several syncs of one process should share one connector instead.
    public static func open(url: String, schema: String, clock: StoreClock = .system, readOnly: Bool = false) async throws -> PostgresStateStore {
        let connector = try PostgresConnector(url: url)
        do {
            return try await open(connector: connector, owned: true, schema: schema, clock: clock, readOnly: readOnly, ingestGroupSize: 20_000)
        } catch {
            await connector.shutdown()
            throw error
        }
    }

    private static func open(
        connector: PostgresConnector, owned: Bool, schema: String, clock: StoreClock, readOnly: Bool, ingestGroupSize: Int
    ) async throws -> PostgresStateStore {
        let location = "\(connector.description) schema \(schema)"
        let name = try PostgresSchemaName(schema, location: location)
        do {
            try await connector.withProbeConnection { connection in
                try await PostgresSchema.migrate(connection, schema: name, location: location, readOnly: readOnly)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw openError(error, location: location)
        }
        return PostgresStateStore(
            connector: connector, owned: owned, schema: name, location: location, clock: clock, readOnly: readOnly,
            ingestGroupSize: ingestGroupSize)
    }

    private init(
        connector: PostgresConnector, owned: Bool, schema: PostgresSchemaName, location: String, clock: StoreClock, readOnly: Bool,
        ingestGroupSize: Int
    ) {
        self.connector = connector
        self.ownsConnector = owned
        self.schema = schema
        self.location = location
        self.clock = clock
        self.isReadOnly = readOnly
        ingestBuffer = IngestBuffer(groupSize: ingestGroupSize)
    }

    /// Stops this store; later calls fail. Shuts the connector down only when `open(url:...)`
    /// made it for this store.
    public func close() throws {
        closed.set()
        if ownsConnector {
            let connector = connector
            Task { await connector.shutdown() }
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one transaction in this sync's schema, mapping failures to `StoreError`;
    /// a `StoreError` thrown by `body` passes through unchanged.
    func write<T: Sendable>(_ what: String, _ body: (PostgresTransaction) async throws -> T) async throws -> T {
        guard !isReadOnly else {
            throw StoreError(.readOnly, "Cannot \(what) in \(location): the state was opened for reading only.", path: location)
        }
        return try await run(what, begin: "BEGIN", writer: true, body)
    }

    /// Runs `body` in one read-only transaction that sees one snapshot of the state.
    func read<T: Sendable>(_ what: String, _ body: (PostgresTransaction) async throws -> T) async throws -> T {
        try await run(what, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", writer: false, body)
    }

    /// A write transaction first takes the sync's writer lock (a transaction-scoped advisory
    /// lock on the schema's name), so one sync's writes follow each other as they do in the
    /// SQLite file: the store's read-then-write steps (the next journal number, a conflict met
    /// again, an event's attempts) never interleave, even from several workers.
    private func run<T: Sendable>(
        _ what: String, begin: String, writer: Bool, _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        guard !closed.isSet else {
            throw StoreError(.database, "Cannot \(what) in \(location): the store was closed.", path: location)
        }
        let logger = Self.quietLogger
        do {
            return try await connector.client.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
                do {
                    try await connection.query("SET LOCAL search_path TO \(unescaped: schema.quoted)", logger: logger)
                    if writer {
                        try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(schema.name), 0))", logger: logger)
                    }
                    let value = try await body(PostgresTransaction(connection: connection, store: self))
                    try await connection.query("COMMIT", logger: logger)
                    return value
                } catch {
                    try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as CodecError {
            throw decodingError(error, what: what)
        } catch let error as RawCodecError {
            throw decodingError(error, what: what)
        } catch let error as DecodingError {
            throw decodingError(error, what: what)
        } catch {
            // The server's errors, a connection lost, the pool giving up on a server that is down.
            throw StoreError(
                .database,
                "Could not \(what) in \(location): \(Self.describe(error)). Nothing of this step was written; "
                    + "retry, and check the database server is up and reachable.",
                path: location)
        }
    }

    /// Maps codec and decoding errors to `StoreError.Code.corruptValue`.
    func decodingError(_ error: any Error, what: String) -> StoreError {
        StoreError(
            .corruptValue,
            "Could not \(what) in \(location): a stored value does not decode (\(error)). "
                + "The state may come from an incompatible fgsync build; keep it and report the problem.",
            path: location)
    }
}
