import Foundation
import SyncCore
@testable import SyncEngine
import SyncReports
import SyncStore
import SyncStorePostgres
import TestSupport
import Testing

/// Issue 15 item 4: with `state: { url_env: NAME }` every sync of a config keeps its state in
/// PostgreSQL, each in its own schema, and every command works on it as on the state files.
/// Needs `FGSYNC_TEST_POSTGRES_URL` (`Tests/Postgres/start.sh`; `.ci/run` starts a server).
@Suite(
    .serialized,
    .enabled(if: PostgresTestServer.url != nil, "set FGSYNC_TEST_POSTGRES_URL to a PostgreSQL server (Tests/Postgres/start.sh starts one)"))
struct PostgresStateRunTests {
    /// Three simulated locations whose `syncs:` config keeps its state in a new database.
    static func withThreeOnPostgres(_ body: (SyncsRunTests.ThreeLocations, [String: String], String) async throws -> Void) async throws {
        try await PostgresTestServer.withDatabase { url in
            try await SyncsRunTests.withThree { three in
                let config = try String(contentsOfFile: three.configPath, encoding: .utf8)
                try (config + "\nstate: { url_env: FGSYNC_STATE_URL }\n").write(toFile: three.configPath, atomically: true, encoding: .utf8)
                var environment = three.environment()
                environment["FGSYNC_STATE_URL"] = url
                try await body(three, environment, url)
            }
        }
    }

    @Test func everySyncKeepsItsStateInItsOwnSchemaOfTheDatabase() async throws {
        try await Self.withThreeOnPostgres { three, environment, url in
            for index in 0..<3 { await three.seed(index, count: index + 1) }

            let outcomes = try await three.run(environment: environment, sync: nil)

            #expect(outcomes.map(\.exitCode) == [0, 0, 0], "\(outcomes.map { $0.error ?? $0.report.map { "\($0.failed)" } ?? "" })")
            #expect(outcomes.map(\.target.state) == three.names.map { .postgres(urlEnv: "FGSYNC_STATE_URL", schema: "fgsync_\($0)") })
            for (index, name) in three.names.enumerated() {
                #expect(await three.harnesses[index].contacts().count == index + 1)
                #expect(try await PostgresTestServer.text("SELECT count(*) FROM base", schema: "fgsync_\(name)", url: url) == "\(index + 1)")
                #expect(!FileManager.default.fileExists(atPath: three.directory.appendingPathComponent("fgsync-\(name).sqlite").path))
            }
        }
    }

    @Test func statusReadsEverySyncFromTheDatabase() async throws {
        try await Self.withThreeOnPostgres { three, environment, _ in
            for index in 0..<3 { await three.seed(index, count: 1) }
            _ = try await three.run(environment: environment, sync: "north")

            var job = SyncsStatusJob(targets: try SyncTarget.select(configPath: three.configPath, stateOption: nil, sync: nil))
            job.opener = StateOpener(environment: environment)
            let table = await job.run()

            #expect(table.syncs.map(\.health) == [.ok, .missing, .missing])
            #expect(table.syncs[0].statePath == "schema fgsync_north of the database in $FGSYNC_STATE_URL")
            #expect(table.text.contains("south: no state in the database yet; run `fgsync reconcile --sync south`"), "\(table.text)")
        }
    }

    @Test func aDatabaseThatDoesNotAnswerIsUnreadableNotMissingAndItsPasswordIsNotShown() async throws {
        try await Self.withThreeOnPostgres { three, environment, _ in
            var down = environment
            down["FGSYNC_STATE_URL"] = "postgres://fgsync:sw0rdfish-secret@127.0.0.1:9/fgsync"
            var job = SyncsStatusJob(targets: try SyncTarget.select(configPath: three.configPath, stateOption: nil, sync: nil))
            job.opener = StateOpener(environment: down)

            let table = await job.run()

            #expect(table.syncs.map(\.health) == [.unreadable, .unreadable, .unreadable])
            #expect(!table.text.contains("sw0rdfish-secret"), "\(table.text)")
            #expect(table.syncs[0].error?.contains("127.0.0.1") == true, "\(table.syncs[0].error ?? "")")
        }
    }

    @Test func aDeltaPassAfterTheFullReconcileCarriesAnEditAndAdvancesItsCursorsInTheDatabase() async throws {
        try await Self.withThreeOnPostgres { three, environment, url in
            await three.seed(0, count: 2)
            _ = try await three.run(environment: environment, sync: "north")
            let north = three.harnesses[0]
            let cursorBefore = try await PostgresTestServer.text("SELECT value FROM cursors WHERE name = 'delta.fulcrum.sequence'", schema: "fgsync_north", url: url)
            try await north.editRecord("north-1", ["last_name": "Moved"])

            var options = ReconcileOptions()
            options.delta = true
            var delta = SyncsRun(
                configPath: three.configPath, targets: try SyncTarget.select(configPath: three.configPath, stateOption: nil, sync: "north"),
                options: options)
            delta.environment = environment
            let outcomes = await delta.run { _, _ in }

            #expect(outcomes.map(\.exitCode) == [0], "\(outcomes.map { $0.error ?? "" })")
            #expect(try await PostgresTestServer.text("SELECT kind FROM runs ORDER BY id DESC LIMIT 1", schema: "fgsync_north", url: url) == "delta")
            let contact = try #require(await north.linkedContactId(ofRecord: "north-1"))
            #expect(await north.contactValue(contact, "lastName") == "Moved")
            let cursorAfter = try await PostgresTestServer.text("SELECT value FROM cursors WHERE name = 'delta.fulcrum.sequence'", schema: "fgsync_north", url: url)
            #expect(cursorAfter != nil && cursorAfter != cursorBefore, "the delta pass left its cursor where it was (\(String(describing: cursorAfter)))")
        }
    }

    @Test func aRunFindsTheSyncLeasedByAnotherWorkerAndSaysWhoHoldsIt() async throws {
        try await Self.withThreeOnPostgres { three, environment, url in
            await three.seed(0, count: 1)
            let leases = try await PostgresLeases.open(connector: PostgresConnector(url: url))
            #expect(try await leases.take(sync: "fgsync_north", holder: "worker-b:4242", for: .seconds(60)) != nil)

            var run = ReconcileRun(
                configPath: three.configPath, sync: "north", statePath: three.directory.appendingPathComponent("x").path,
                state: .postgres(urlEnv: "FGSYNC_STATE_URL", schema: "fgsync_north"), options: ReconcileOptions())
            run.environment = environment
            let error = await #expect(throws: SyncEngineError.self) { try await run.run { _ in } }
            #expect(error?.code == .locked)
            #expect(error?.message.contains("worker-b:4242") == true, "\(error?.message ?? "")")
            #expect(await three.harnesses[0].contacts().isEmpty, "a run went ahead without the lease")

            try await leases.release(sync: "fgsync_north", holder: "worker-b:4242")
            _ = try await run.run { _ in }
            #expect(await three.harnesses[0].contacts().count == 1)
            #expect(try await leases.lease(sync: "fgsync_north") == nil, "the run kept its lease after it finished")
        }
    }

    @Test func aRunTakesOverAtOnceFromARunOnThisMachineWhoseProcessIsGone() async throws {
        try await Self.withThreeOnPostgres { three, environment, url in
            await three.seed(0, count: 1)
            let finished = try ChildProcess(executable: "/bin/true")
            #expect(await finished.termination() == .exited(0))
            let namespace = try #require(WorkerIdentity.pidNamespace)
            let dead = "\(WorkerIdentity.host):\(finished.pid):\(namespace):killed00"
            let leases = try await PostgresLeases.open(connector: PostgresConnector(url: url))
            #expect(try await leases.take(sync: "fgsync_north", holder: dead, for: .seconds(600)) != nil)

            var run = ReconcileRun(configPath: three.configPath, sync: "north", statePath: three.directory.appendingPathComponent("x").path, options: ReconcileOptions())
            run.environment = environment
            _ = try await run.run { _ in }

            #expect(await three.harnesses[0].contacts().count == 1, "the run did not take the dead run's lease over")
        }
    }

    @Test(arguments: [
        ("another-host:1:4026531836:abcd1234", false),
        ("\(WorkerIdentity.host):\(ProcessInfo.processInfo.processIdentifier):\(WorkerIdentity.pidNamespace ?? ""):abcd1234", false),
        ("\(WorkerIdentity.host):1:\(WorkerIdentity.pidNamespace ?? ""):abcd1234", false),
        ("\(WorkerIdentity.host):99999999:999:abcd1234", false),
        ("not a holder", false),
    ])
    func onlyAProcessOfThisHostAndPidNamespaceThatIsGoneCountsAsDead(_ holder: String, _ dead: Bool) {
        #expect(WorkerIdentity.isDeadLocalProcess(holder) == dead)
    }

    @Test func doctorSaysWhichWorkerHoldsTheSyncsLease() async throws {
        try await Self.withThreeOnPostgres { three, environment, url in
            await three.seed(0, count: 1)
            _ = try await three.run(environment: environment, sync: "north")
            var doctor = DoctorJob(configPath: three.configPath, sync: "north", statePath: three.directory.appendingPathComponent("x").path)
            doctor.environment = environment
            let free = await doctor.run().findings.first { $0.check == "state.lock" }
            #expect(free?.detail.contains("no worker holds the sync's lease") == true, "\(String(describing: free))")

            let leases = try await PostgresLeases.open(connector: PostgresConnector(url: url))
            _ = try await leases.take(sync: "fgsync_north", holder: "worker-c:99", for: .seconds(60))
            let held = await doctor.run().findings.first { $0.check == "state.lock" }

            #expect(held?.detail.contains("worker worker-c:99 holds the sync's lease") == true, "\(String(describing: held))")
            let schema = await doctor.run().findings.first { $0.check == "state.schema" }
            #expect(schema?.detail.contains("schema fgsync_north of the database in $FGSYNC_STATE_URL is at schema") == true, "\(String(describing: schema))")
        }
    }

    @Test func aStateFileMovedIntoTheDatabaseGoesOnFromWhereItWas() async throws {
        try await Self.withThreeOnPostgres { three, environment, url in
            await three.seed(0, count: 2)
            let file = three.directory.appendingPathComponent("north.sqlite").path
            var first = ReconcileRun(configPath: three.configPath, sync: "north", statePath: file, state: .file(file), options: ReconcileOptions())
            first.environment = environment
            _ = try await first.run { _ in }

            let result = try await MigrateStateJob(
                from: .file(file), to: .postgres(urlEnv: "FGSYNC_STATE_URL", schema: "fgsync_north"),
                opener: StateOpener(environment: environment)
            ).run()
            #expect(result.rows["base"] == 2)
            #expect(result.rows["runs"] == 1)

            let outcomes = try await three.run(environment: environment, sync: "north")
            #expect(outcomes.map(\.exitCode) == [0])
            let writes = outcomes.first?.report?.applied.values.flatMap(\.values).reduce(0, +)
            #expect(writes == 0, "the moved state did not carry the base: \(String(describing: outcomes.first?.report?.applied))")
            #expect(await three.harnesses[0].contacts().count == 2, "a duplicate was made after the move")
            #expect(try await PostgresTestServer.text("SELECT count(*) FROM runs", schema: "fgsync_north", url: url) == "2")

            let again = await #expect(throws: StoreError.self) {
                try await MigrateStateJob(
                    from: .file(file), to: .postgres(urlEnv: "FGSYNC_STATE_URL", schema: "fgsync_north"),
                    opener: StateOpener(environment: environment)
                ).run()
            }
            #expect(again?.code == .notEmpty)
        }
    }
}
