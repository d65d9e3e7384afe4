import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncServer
import SyncStore
import SyncStorePostgres
import Testing

/// Issue 15 item 4: several `serve` workers share one database; a sync is worked by one worker
/// at a time (its lease), and a worker that finds the sync leased leaves the pass to the
/// holder instead of failing or queueing behind it.
@Suite(
    .serialized,
    .enabled(if: PostgresTestServer.url != nil, "set FGSYNC_TEST_POSTGRES_URL to a PostgreSQL server (Tests/Postgres/start.sh starts one)"))
struct PostgresServeWorkerTests {
    static func withServeOnPostgres(_ body: (ManySyncServeHarness, String) async throws -> Void) async throws {
        try await PostgresTestServer.withDatabase { url in
            try await ManySyncServeHarness.run(
                names: ["north", "south"], topLevel: "\nstate: { url_env: FGSYNC_STATE_URL }\n", shared: ["FGSYNC_STATE_URL": url]
            ) { many in try await body(many, url) }
        }
    }

    @Test func aPassOnASyncAnotherWorkerHoldsIsLeftToItAndItsEventWaitsForTheNextPass() async throws {
        try await Self.withServeOnPostgres { many, url in
            let leases = try await PostgresLeases.open(connector: PostgresConnector(url: url))
            #expect(try await leases.take(sync: "fgsync_south", holder: "worker-b:7", for: .seconds(60)) != nil)
            try await many.harnesses[1].editContact("Ghl1", ["lastName": "Southwind"])
            await many.deliver()

            await many.serve.drain()

            #expect(await many.metric(#"fgsync_passes_total{kind="events",outcome="elsewhere",sync="south"}"#) == 1)
            #expect(await many.harnesses[1].recordValue("f-1", "last_name") == "Lovelace", "a pass ran without the lease")
            let (status, body) = try await many.get("/readyz")
            #expect(status == 200, "a pass left to another worker is not a failure: \(body)")

            try await leases.release(sync: "fgsync_south", holder: "worker-b:7")
            many.harnesses[0].sims.cluster.clock.advance(millis: 2_000)
            await many.serve.drain()

            #expect(await many.harnesses[1].recordValue("f-1", "last_name") == "Southwind")
            #expect(try await leases.lease(sync: "fgsync_south") == nil, "the pass kept the lease after it finished")
        }
    }

    @Test func theStateOfEverySyncServedIsInItsSchemaNotInAFile() async throws {
        try await Self.withServeOnPostgres { many, url in
            try await many.harnesses[0].editContact("Ghl2", ["lastName": "Northwind"])
            await many.deliver()
            await many.serve.drain()

            #expect(await many.harnesses[0].recordValue("f-2", "last_name") == "Northwind")
            #expect(try await PostgresTestServer.text("SELECT count(*) FROM runs WHERE kind = 'delta'", schema: "fgsync_north", url: url) == "1")
            #expect(!FileManager.default.fileExists(atPath: many.statePath("north")))
        }
    }
}
