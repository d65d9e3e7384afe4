import Foundation
import GRDB
import SyncCore

/// The SQLite state file: both sides' mirrors, links, the synced base, runs, conflicts, audit,
/// the write journal, cursors and the webhook inbox.
///
/// One `SQLiteStateStore` wraps one GRDB `DatabasePool` in WAL mode: readers (the planner streaming
/// pairs) never block the writer (the propagator advancing the base), and every write is one
/// SQLite transaction. Opening a file applies pending migrations in place; a file from a newer
/// fgsync is refused rather than touched. All errors thrown are `StoreError`.
public final class SQLiteStateStore: StateStore {
    /// The state file's path, as given.
    public let path: String
    /// The state file's path: where this state lives.
    public var location: String { path }
    /// The clock used for every timestamp written.
    public let clock: StoreClock
    let pool: DatabasePool
    let ingestBuffer: IngestBuffer
    let rawDictionaries = RawDictionaryCache()
    /// Compressors kept between snapshot pages.
    let compressors = RawCompressorPool()
    /// Page cache of the one writing connection, in KB.
    package static let writerCacheKB = 65_536
    /// Page cache of each reading connection, in KB (a pool opens up to five).
    static let readerCacheKB = 16_384

    /// Opens the state file at `path`, creating it when missing and upgrading it when old.
    ///
    /// - Parameter ingestGroupSize: full-snapshot pages are committed in groups of at least
    ///   this many records (see `ingest`); 1 commits every page on its own.
    /// An existing file is checked before anything is written to it (`StateFileCheck`): a
    /// 0-byte file, a damaged file, another program's database and a read-only file or folder
    /// are refused. A new state file is started only where no file exists.
    ///
    /// - Throws: `StoreError` with code `cannotOpen`, `readOnly`, `notAStateFile`, `damaged`,
    ///   `newerFormat` or `migrationFailed`; the message says what to do.
    public convenience init(path: String, clock: StoreClock = .system, ingestGroupSize: Int = 100_000) throws {
        try self.init(path: path, clock: clock, readOnly: false, ingestGroupSize: ingestGroupSize)
    }

    /// Opens an existing state file for reading only (`fgsync report`, `status`, `conflicts`):
    /// the file is neither created, upgraded nor written; an old file is read as it is.
    ///
    /// - Throws: `StoreError` with code `cannotOpen` (no such file), `notAStateFile` or `newerFormat`.
    public static func openReadOnly(path: String, clock: StoreClock = .system) throws -> SQLiteStateStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                .cannotOpen, "There is no state file at \(path). Give the --state of a configuration that has run, or run `fgsync reconcile` first.",
                path: path)
        }
        return try SQLiteStateStore(path: path, clock: clock, readOnly: true, ingestGroupSize: 1)
    }

    /// Whether this store was opened with `openReadOnly`.
    public let isReadOnly: Bool

    private init(path: String, clock: StoreClock, readOnly: Bool, ingestGroupSize: Int) throws {
        self.path = path
        self.clock = clock
        self.isReadOnly = readOnly
        ingestBuffer = IngestBuffer(groupSize: ingestGroupSize)
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        if !readOnly { configuration.journalMode = .wal }
        configuration.label = "fgsync.state"
        // Checked before the pool opens: opening in WAL mode writes to the file's header.
        try StateFileCheck(path: path, readOnly: readOnly).run()
        configuration.prepareDatabase { db in
            // WAL + NORMAL is durable across application crashes; only a power loss can undo
            // the last commits, and the journal makes those writes safe to redo.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Page caches (SQLite's default is 2 MB). The writer's holds the indexes a snapshot
            // inserts into at random (about 50 MB a million records). Each reader of the pool
            // (up to five) filled a cache of its own: 16 MB instead of 64 MB lowered the peak at
            // 200,000 pairs from 333 MB to 263 MB, and planning a million pairs was no slower
            // (8.1 s against 8.7 s; `fgsync-bench plan`).
            let kilobytes = db.configuration.readonly ? Self.readerCacheKB : Self.writerCacheKB
            try db.execute(sql: "PRAGMA cache_size = -\(kilobytes)")
            // Checkpoint every ~200 MB of WAL rather than 4 MB. Each checkpoint syncs the file,
            // and copies every page written since the last one once: a snapshot rewrites the
            // pages of its random id index in every group it commits, so spacing checkpoints
            // copies each of them once for several groups. Building a million pairs wrote
            // 3,720 MB with 40 MB between checkpoints and 2,790 MB with 200 MB (and groups of
            // 100,000), at the same speed (`fgsync-bench plan`). `close` truncates the log.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 50000")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        } catch {
            throw StoreError(
                .cannotOpen, "Cannot open the state file \(path): \(error). Check the folder exists and is writable.",
                path: path)
        }
        try StateSchema.migrate(pool, path: path, readOnly: readOnly)
    }

    /// Closes the file; later calls fail. Optional: the file is also closed when the store is freed.
    ///
    /// Everything in the write-ahead log is copied into the file first and the log truncated,
    /// so a closed state file is one file (a snapshot's log can hold 100 MB).
    public func close() throws {
        do {
            if !isReadOnly { _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) } }
            try pool.close()
        } catch let error as DatabaseError {
            throw StoreError(.database, "Could not close the state file \(path): \(error.message ?? "\(error.resultCode)")", path: path)
        }
    }

    // MARK: - Internal helpers

    /// Runs `body` in one write transaction, mapping failures to `StoreError`.
    ///
    /// GRDB's async `write` runs it on the writer's own queue: SQLite never blocks one of Swift's
    /// cooperative threads.
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await guarded(what) {
            try await pool.write { db in try body(StoreTransaction(db: db, store: self)) }
        }
    }

    /// Runs `body` in one read transaction, mapping failures to `StoreError`.
    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await guarded(what) { try await pool.read(body) }
    }

    /// Maps GRDB and decoding errors to `StoreError`; a `StoreError` and any error thrown by the
    /// caller's own closure pass through unchanged.
    func guarded<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw StoreError(
                .database,
                "Could not \(what) in \(path): \(error.message ?? "\(error.resultCode)") (SQLite \(error.resultCode.rawValue)). "
                    + "Nothing of this step was written; retry, and check disk space and that no other program holds the file.",
                path: path)
        } catch let error as CodecError {
            throw StoreError(
                .corruptValue,
                "Could not \(what) in \(path): a stored projection does not decode (\(error)). "
                    + "The file may come from an incompatible fgsync build; keep it and report the problem.",
                path: path)
        } catch let error as RawCodecError {
            throw StoreError(
                .corruptValue,
                "Could not \(what) in \(path): stored raw JSON does not expand (\(error)). "
                    + "The file may be damaged; keep it and report the problem.",
                path: path)
        } catch let error as DecodingError {
            throw StoreError(
                .corruptValue,
                "Could not \(what) in \(path): a stored value does not decode (\(error)). "
                    + "The file may come from an incompatible fgsync build; keep it and report the problem.",
                path: path)
        }
    }

    static func openError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(
                .notAStateFile,
                "\(path) is not an SQLite database (or is damaged). Point fgsync at its state file, or move this file away to start a new one.",
                path: path)
        default:
            return StoreError(
                .cannotOpen,
                "Cannot open the state file \(path): \(error.message ?? "\(error.resultCode)"). Check the folder exists and is writable.",
                path: path)
        }
    }
}

// MARK: - Test hooks

extension SQLiteStateStore {
    /// Runs raw SQL outside the store's API; for tests that fake old, newer or damaged files.
    func executeRawSQL(_ sql: String) throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    /// Writes a state file as an older fgsync did: the released migrations up to `version`,
    /// then `sql`; for tests of upgrades in place.
    static func writeOldFile(path: String, upTo version: String, sql: [String] = []) throws {
        let queue = try DatabaseQueue(path: path)
        try StateSchema.migrator.migrate(queue, upTo: version)
        try queue.write { db in
            for statement in sql { try db.execute(sql: statement) }
        }
        try queue.close()
    }

    /// Reads one integer or text value with raw SQL; for tests that inspect pragmas and rows.
    func rawValue(_ sql: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: sql) }
    }
}
