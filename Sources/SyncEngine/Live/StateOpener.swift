import Foundation
import SyncCore
import SyncStore

/// Opens a sync's state where its `StateLocation` says it lives: the SQLite file, or the sync's
/// schema of the PostgreSQL database named by `state.url_env`.
///
/// Every command goes through here, so a config with `state: { url_env: NAME }` works with
/// every command unchanged. The database URL is read from the environment at open time and is
/// never written into a message (it holds a password).
public struct StateOpener: Sendable {
    /// Where variables such as `state.url_env` are read.
    public var environment: [String: String]
    /// The clock every timestamp the store writes comes from.
    public var clock: StoreClock

    /// Creates an opener reading the process environment by default.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, clock: StoreClock = .system) {
        self.environment = environment
        self.clock = clock
    }

    /// Opens (creating or upgrading) the state at `location` for a run.
    public func open(_ location: StateLocation) async throws -> any StateStore {
        switch location {
        case .file(let path):
            return try SQLiteStateStore(path: path, clock: clock)
        case .postgres(let urlEnv, let schema):
            return try await openPostgres(url: try url(urlEnv), schema: schema, readOnly: false)
        }
    }

    /// Opens existing state for reading only (`status`, `report`, `conflicts`, the console):
    /// nothing is created, upgraded or written.
    public func openReadOnly(_ location: StateLocation) async throws -> any StateStore {
        switch location {
        case .file(let path):
            return try SQLiteStateStore.openReadOnly(path: path, clock: clock)
        case .postgres(let urlEnv, let schema):
            return try await openPostgres(url: try url(urlEnv), schema: schema, readOnly: true)
        }
    }

    /// Whether state exists at `location` (a file on disk; a schema in the database is looked
    /// for by opening it read-only).
    ///
    /// - Throws: the error that kept a database from answering (down, a refused password): a
    ///   database that cannot be asked is not the same as one with no state.
    public func exists(_ location: StateLocation) async throws -> Bool {
        switch location {
        case .file(let path):
            return FileManager.default.fileExists(atPath: path)
        case .postgres:
            do {
                let store = try await openReadOnly(location)
                try? store.close()
                return true
            } catch let error as StoreError where error.code == .noState {
                return false
            }
        }
    }

    /// The schema version this fgsync writes at `location`.
    public static func latestSchemaVersion(for location: StateLocation) -> String {
        location.filePath == nil ? postgresSchemaVersion : SQLiteStateStore.latestSchemaVersion
    }

    func url(_ variable: String) throws -> String {
        guard let value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw SyncEngineError(
                .usage,
                "state.url_env names \(variable), which is not set; export the postgres:// URL of the state database in \(variable) (or remove state: from the config to keep SQLite files)")
        }
        guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") else {
            throw SyncEngineError(
                .usage, "\(variable) does not hold a postgres:// URL (its value is not shown: it may hold a password); put the state database's URL in it, e.g. postgres://fgsync@db.example/fgsync")
        }
        return value
    }
}
