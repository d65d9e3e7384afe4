import Foundation
@testable import SyncStore
@testable import SyncStorePostgres
import Testing

/// Where a behavioural store test keeps its state: the SQLite file always, PostgreSQL when
/// `FGSYNC_TEST_POSTGRES_URL` names a server (`Tests/Postgres/start.sh` starts one; `.ci/run`
/// does it in CI). Tests take `arguments: StoreBackend.available`, so each runs once per backend.
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The PostgreSQL server for tests: `FGSYNC_TEST_POSTGRES_URL`, or `nil` (then PostgreSQL
    /// cases are not run, and the PostgreSQL-only suites say they were skipped and why).
    static let postgresURL = ProcessInfo.processInfo.environment["FGSYNC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The backends this run tests.
    static var available: [StoreBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A new, empty store. For PostgreSQL: a schema of its own, named after `directory` and
    /// `name`, dropped when the test ends (the suite carries `.dropsPostgresSchemas`).
    func store(
        in directory: TemporaryDirectory, name: String = "state.sqlite", clock: StoreClock = .fixed(Fixtures.epoch),
        ingestGroupSize: Int = 20_000
    ) async throws -> any StateStore {
        switch self {
        case .sqlite:
            return try SQLiteStateStore(path: directory.path(name), clock: clock, ingestGroupSize: ingestGroupSize)
        case .postgres:
            let schema = PostgresTestDatabase.schema(for: directory, name: name)
            try PostgresTestDatabase.created(schema)
            return try await PostgresStateStore.open(
                connector: try PostgresTestDatabase.connector(), schema: schema, clock: clock, ingestGroupSize: ingestGroupSize)
        }
    }
}

extension StoreBackend {
    /// One value read with raw SQL (a single-column SELECT) from `store`'s own tables, as text:
    /// what tests use to look at rows the API does not show (where a link is kept).
    func rawValue(_ store: any StateStore, _ sql: String) async throws -> String? {
        switch self {
        case .sqlite:
            return try (store as! SQLiteStateStore).rawValue(sql)
        case .postgres:
            let schema = (store as! PostgresStateStore).schema.quoted
            return try await PostgresTestSQL.text("SELECT v::text FROM (\(sql)) AS q(v) LIMIT 1", in: schema)
        }
    }
}

/// The one connector of the test process (every PostgreSQL store of every test shares its
/// pool, as the syncs of one `serve` do), and the schemas each test made.
enum PostgresTestDatabase {
    /// The schemas the running test created, dropped when it ends.
    final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var schemas: Set<String> = []

        func add(_ schema: String) { lock.withLock { _ = schemas.insert(schema) } }
        var all: [String] { lock.withLock { schemas.sorted() } }
    }

    @TaskLocal static var ledger: Ledger?

    private static let shared: Result<PostgresConnector, any Error>? = postgresConnector()

    private static func postgresConnector() -> Result<PostgresConnector, any Error>? {
        guard let url = StoreBackend.postgresURL else { return nil }
        return Result { try PostgresConnector(url: url) }
    }

    /// The shared connector.
    static func connector() throws -> PostgresConnector {
        guard let shared else { throw TestSetupError("FGSYNC_TEST_POSTGRES_URL is not set") }
        return try shared.get()
    }

    /// A schema name unique to `directory` (a UUID) and `name`.
    static func schema(for directory: TemporaryDirectory, name: String) -> String {
        let folder = directory.url.lastPathComponent.replacingOccurrences(of: "fgsync-store-tests-", with: "")
            .replacingOccurrences(of: "-", with: "").lowercased()
        let file = name.replacingOccurrences(of: ".sqlite", with: "").filter { $0.isLetter || $0.isNumber }.prefix(16)
        return "fgsync_t\(folder)_\(file)"
    }

    /// Notes that the running test made `schema`.
    static func created(_ schema: String) throws {
        guard let ledger else {
            throw TestSetupError("a PostgreSQL store was opened outside a suite marked .dropsPostgresSchemas; its schema would be left behind")
        }
        ledger.add(schema)
    }

    /// Drops `schemas` and everything in them.
    static func drop(_ schemas: [String]) async throws {
        guard !schemas.isEmpty else { return }
        try await PostgresTestSQL.execute(schemas.map { "DROP SCHEMA IF EXISTS \"\($0)\" CASCADE" })
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Drops the PostgreSQL schemas each test case made, when it ends (passed or failed).
struct DropsPostgresSchemas: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let ledger = PostgresTestDatabase.Ledger()
        do {
            try await PostgresTestDatabase.$ledger.withValue(ledger) { try await function() }
        } catch {
            try? await PostgresTestDatabase.drop(ledger.all)
            throw error
        }
        try await PostgresTestDatabase.drop(ledger.all)
    }
}

extension Trait where Self == DropsPostgresSchemas {
    /// Each test case's PostgreSQL schemas are dropped when it ends.
    static var dropsPostgresSchemas: Self { DropsPostgresSchemas() }
}
