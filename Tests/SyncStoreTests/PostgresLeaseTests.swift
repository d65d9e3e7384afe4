import Foundation
import SyncStore
import Testing
@testable import SyncStorePostgres

/// Several workers sharing one database: a sync is worked by one lease holder at a time.
// The server comes from FGSYNC_TEST_POSTGRES_URL (Tests/Postgres/start.sh; .ci/run sets it).
@Suite(
    .dropsPostgresSchemas,
    .enabled(if: StoreBackend.postgresURL != nil, "FGSYNC_TEST_POSTGRES_URL is not set: no PostgreSQL server, so the lease tests do not run")
)
struct PostgresLeaseTests {
    /// The leases in a schema of this test's own, read with `clock`.
    static func leases(_ directory: TemporaryDirectory, clock: StoreClock) async throws -> PostgresLeases {
        let schema = PostgresTestDatabase.schema(for: directory, name: "leases")
        try PostgresTestDatabase.created(schema)
        return try await PostgresLeases.open(connector: try PostgresTestDatabase.connector(), schema: schema, clock: clock)
    }

    @Test func aSyncLeasedToOneHolderIsRefusedToAnotherUntilItIsReleased() async throws {
        let directory = try TemporaryDirectory()
        let leases = try await Self.leases(directory, clock: .fixed(Fixtures.epoch))

        let first = try await leases.take(sync: "acme", holder: "worker-a", for: .seconds(30))
        #expect(first == PostgresLeases.Lease(sync: "acme", holder: "worker-a", expiresAt: Fixtures.epoch.addingTimeInterval(30)))
        #expect(try await leases.take(sync: "acme", holder: "worker-b", for: .seconds(30)) == nil)
        #expect(try await leases.renew(sync: "acme", holder: "worker-a", for: .seconds(30)))
        #expect(try await !leases.renew(sync: "acme", holder: "worker-b", for: .seconds(30)))
        #expect(try await leases.take(sync: "other", holder: "worker-b", for: .seconds(30)) != nil, "another sync is free")

        try await leases.release(sync: "acme", holder: "worker-a")

        #expect(try await leases.take(sync: "acme", holder: "worker-b", for: .seconds(30))?.holder == "worker-b")
        #expect(try await leases.lease(sync: "acme")?.holder == "worker-b")
    }

    @Test func manyHoldersTakingOneSyncAtOnceGiveItToExactlyOne() async throws {
        let directory = try TemporaryDirectory()
        let leases = try await Self.leases(directory, clock: .fixed(Fixtures.epoch))

        let winners = try await withThrowingTaskGroup(of: String?.self) { group in
            for worker in 0..<16 {
                group.addTask { try await leases.take(sync: "acme", holder: "worker-\(worker)", for: .seconds(30))?.holder }
            }
            return try await group.reduce(into: [String]()) { if let holder = $1 { $0.append(holder) } }
        }

        #expect(winners.count == 1)
        #expect(try await leases.lease(sync: "acme")?.holder == winners.first)
    }

    @Test func anExpiredLeaseIsTakenOverAndItsOldHolderCannotRenewIt() async throws {
        let directory = try TemporaryDirectory()
        let times = Times(Fixtures.epoch)
        let leases = try await Self.leases(directory, clock: StoreClock { times.now })
        _ = try await leases.take(sync: "acme", holder: "worker-a", for: .seconds(30))

        times.now = Fixtures.epoch.addingTimeInterval(29)
        #expect(try await leases.take(sync: "acme", holder: "worker-b", for: .seconds(30)) == nil, "not expired yet")
        times.now = Fixtures.epoch.addingTimeInterval(30)
        let taken = try await leases.take(sync: "acme", holder: "worker-b", for: .seconds(30))

        #expect(taken?.holder == "worker-b")
        #expect(taken?.expiresAt == Fixtures.epoch.addingTimeInterval(60))
        #expect(try await !leases.renew(sync: "acme", holder: "worker-a", for: .seconds(30)))
        try await leases.release(sync: "acme", holder: "worker-a")
        #expect(try await leases.lease(sync: "acme")?.holder == "worker-b", "a lost holder's release leaves the new lease alone")
    }
}
