import Foundation
import PostgresNIO
import SyncCore
import Testing
@testable import SyncStore
@testable import SyncStorePostgres

/// What only the PostgreSQL backend has: schemas of one database shared by several syncs, a
/// versioned schema, and a server that can be down or refuse a login.
// The server comes from FGSYNC_TEST_POSTGRES_URL (Tests/Postgres/start.sh; .ci/run sets it).
@Suite(
    .dropsPostgresSchemas,
    .enabled(if: StoreBackend.postgresURL != nil, "FGSYNC_TEST_POSTGRES_URL is not set: no PostgreSQL server, so these tests and the store suites' PostgreSQL cases do not run")
)
struct PostgresStoreTests {
    /// A new store in a schema of its own, named after `directory` and `name`.
    static func store(_ directory: TemporaryDirectory, _ name: String, readOnly: Bool = false) async throws -> PostgresStateStore {
        let schema = PostgresTestDatabase.schema(for: directory, name: name)
        try PostgresTestDatabase.created(schema)
        return try await PostgresStateStore.open(
            connector: try PostgresTestDatabase.connector(), schema: schema, clock: .fixed(Fixtures.epoch), readOnly: readOnly)
    }

    /// The test server's URL with `password` in place of its own.
    static func url(password: String) throws -> String {
        let url = try #require(StoreBackend.postgresURL)
        var components = try #require(URLComponents(string: url))
        components.password = password
        return try #require(components.string)
    }

    @Test func aSessionIdleInsideATransactionIsEndedByTheServerWellInsideTheLease() async throws {
        let settings = try await PostgresTestDatabase.connector().client.withConnection { connection in
            try await connection.query("SELECT current_setting('idle_in_transaction_session_timeout'), current_setting('application_name')", logger: PostgresStateStore.quietLogger)
                .collect().first?.decode((String, String).self)
        }
        #expect(settings?.0 == "20s")
        #expect(settings?.1 == "fgsync")
    }

    @Test func twoSyncsInTwoSchemasOfOneDatabaseDoNotSeeEachOthersRows() async throws {
        let directory = try TemporaryDirectory()
        let first = try await Self.store(directory, "first")
        let second = try await Self.store(directory, "second")
        try await first.recordBase(Fixtures.base("f1", "c1"))
        try await first.upsert(.ghl, [Fixtures.mirror("c1")])
        let run = try await first.startRun(kind: "reconcile", mode: "apply")
        try await first.insertInboxEvent(InboxEvent(id: "evt-1", source: "ghl", payload: "{}"))

        #expect(try await second.baseCount() == 0)
        #expect(try await second.mirrorCount(.ghl) == 0)
        #expect(try await second.run(run) == nil)
        #expect(try await second.pendingInboxEvents().isEmpty)
        // The same ids are free in the other sync: its links are its own.
        try await second.recordBase(Fixtures.base("f1", "c1"))
        #expect(try await second.insertInboxEvent(InboxEvent(id: "evt-1", source: "ghl", payload: "{}")) == true)
        #expect(try await first.baseCount() == 1)
    }

    @Test func aSchemaFromANewerFgsyncIsRefusedAndLeftAlone() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.store(directory, "newer")
        try await store.recordBase(Fixtures.base("f1", "c1"))
        try await PostgresTestSQL.execute([
            "INSERT INTO \(store.schema.quoted).fgsync_migrations (identifier, applied_order) VALUES ('v99-future', 99)"
        ])

        let error = await #expect(throws: StoreError.self) { try await Self.store(directory, "newer") }

        #expect(error?.code == .newerFormat)
        #expect(error?.message.contains("v99-future") == true)
        #expect(error?.message.contains("Upgrade fgsync") == true)
        #expect(try await store.baseCount() == 1)
    }

    @Test func aSchemaHoldingTablesFgsyncDidNotCreateIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let schema = PostgresTestDatabase.schema(for: directory, name: "foreign")
        try PostgresTestDatabase.created(schema)
        try await PostgresTestSQL.execute(["CREATE SCHEMA \"\(schema)\"", "CREATE TABLE \"\(schema)\".orders (id integer)"])

        let error = await #expect(throws: StoreError.self) {
            try await PostgresStateStore.open(connector: try PostgresTestDatabase.connector(), schema: schema)
        }

        #expect(error?.code == .notAStateFile)
        #expect(try await PostgresTestSQL.text("SELECT count(*)::text FROM orders", in: "\"\(schema)\"") == "0")
    }

    @Test func aNewSchemaIsAtTheLatestVersionAndReopeningItMigratesNothing() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.store(directory, "versions")
        #expect(try await store.schemaVersion() == SQLiteStateStore.latestSchemaVersion)
        #expect(try await store.hasSchema("v3"))
        #expect(try await !store.hasSchema("v99"))
        try await store.setMappingHash("sha256:abc")

        let reopened = try await Self.store(directory, "versions")

        #expect(try await reopened.mappingHash() == "sha256:abc")
        #expect(try await reopened.schemaVersion() == SQLiteStateStore.latestSchemaVersion)
    }

    @Test func twoProcessesOpeningOneNewSchemaAtOnceBothGetIt() async throws {
        let directory = try TemporaryDirectory()
        async let first = Self.store(directory, "race")
        async let second = Self.store(directory, "race")
        let (a, b) = try await (first, second)
        try await a.recordBase(Fixtures.base("f1", "c1"))
        #expect(try await b.linkedContact(fulcrumId: "f1") == "c1")
    }

    @Test func aStoreOpenedForReadingRefusesToWriteAndAMissingSchemaIsNotCreated() async throws {
        let directory = try TemporaryDirectory()
        let missing = await #expect(throws: StoreError.self) { try await Self.store(directory, "missing", readOnly: true) }
        #expect(missing?.code == .noState)
        let schema = PostgresTestDatabase.schema(for: directory, name: "missing")
        #expect(try await PostgresTestSQL.text("SELECT count(*)::text FROM pg_namespace WHERE nspname = '\(schema)'", in: "public") == "0")

        try await Self.store(directory, "kept").setCursor("a", "1")
        let reader = try await Self.store(directory, "kept", readOnly: true)
        #expect(try await reader.cursor("a") == "1")
        let refused = await #expect(throws: StoreError.self) { try await reader.setCursor("a", "2") }
        #expect(refused?.code == .readOnly)
    }

    @Test func aPasswordTheServerRefusesGivesAClearErrorWithoutThePassword() async throws {
        let password = "not-the-password-\(UUID().uuidString)"
        let error = await #expect(throws: StoreError.self) {
            try await PostgresStateStore.open(url: try Self.url(password: password), schema: "fgsync_refused")
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message.contains("refused fgsync's login") == true)
        #expect(error?.message.contains(password) == false)
        #expect(error?.description.contains(password) == false)
    }
}

/// What the PostgreSQL backend says about a URL it cannot use; no server needed.
struct PostgresConnectionErrorTests {
    @Test func aServerThatIsDownGivesAClearErrorWithoutThePassword() async throws {
        // Port 1 of loopback (tcpmux): nothing listens there, so the connection is refused.
        let port = 1
        let password = "s3cret-\(UUID().uuidString)"

        let error = await #expect(throws: StoreError.self) {
            try await PostgresStateStore.open(url: "postgres://fgsync:\(password)@127.0.0.1:\(port)/fgsync?sslmode=disable", schema: "fgsync_down")
        }

        #expect(error?.code == .cannotOpen)
        #expect(error?.message.contains("Cannot reach the database server") == true)
        #expect(error?.message.contains("127.0.0.1:\(port)/fgsync") == true)
        #expect(error?.message.contains(password) == false)
        #expect(error?.path.contains(password) == false)
    }

    @Test(arguments: ["mysql://u:p@host/db", "not a url", "postgres://u:p@host/db?sslmode=verify-everything"])
    func aURLThatIsNotAUsablePostgresURLIsRefusedWithoutShowingIt(_ url: String) async throws {
        let error = #expect(throws: StoreError.self) { try PostgresConnector(url: url) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message.contains("u:p") == false)
    }

    @Test(arguments: ["fgsync_a;DROP TABLE base", "fgsync_\"quoted\"", "", String(repeating: "x", count: 64)])
    func aSchemaNameThatIsNotAPlainIdentifierIsRefused(_ name: String) async throws {
        let connector = try PostgresConnector(url: "postgres://u@127.0.0.1:1/db?sslmode=disable")
        defer { Task { await connector.shutdown() } }
        let error = await #expect(throws: StoreError.self) { try await PostgresStateStore.open(connector: connector, schema: name) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message.contains("cannot name a PostgreSQL schema") == true)
    }
}
