import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncReports
import SyncStore
import Testing

/// Issue 15 item 1: `fgsync reconcile` over a config with a `syncs:` list runs every sync, one
/// after another, each on its own simulated location and form and into its own state file; one
/// sync's failure never stops the others; `fgsync status` shows them in one table.
@Suite(.serialized)
struct SyncsRunTests {
    /// Three simulator clusters (one location and one form each) and a `syncs:` config for them.
    struct ThreeLocations {
        let harnesses: [LiveHarness]
        let names = ["north", "south", "east"]
        let directory: URL
        var configPath: String { directory.appendingPathComponent("fgsync.yml").path }

        static func start() async throws -> ThreeLocations {
            var harnesses: [LiveHarness] = []
            for index in 1...3 {
                var options = SimulatorOptions()
                options.ghl.locationId = "loc\(index)SyncsRunTests00"
                options.fulcrum.formId = "form-\(index)-syncs-run-tests"
                harnesses.append(try await LiveHarness.start(options: options))
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-syncs-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return ThreeLocations(harnesses: harnesses, directory: directory)
        }

        /// One entry per location, all sharing the mapping `people`; each has its own token variables.
        func writeConfig() throws {
            let link = harnesses[0].sims.summary.ghl.externalIdFieldId
            var yaml = """
                mappings:
                  people:
                    link: { ghl_custom_field: \(link), fulcrum_field: ghl_contact_id }
                    fields:
                      - { fulcrum: first_name, ghl: firstName }
                      - { fulcrum: last_name, ghl: lastName }
                      - { fulcrum: email, ghl: email }
                syncs:

                """
            for (index, harness) in harnesses.enumerated() {
                let summary = harness.sims.summary
                yaml += """
                      - name: \(names[index])
                        fulcrum: { url: \(summary.fulcrum.url), form_id: \(summary.fulcrum.formId), token_env: FULCRUM_TOKEN_\(index) }
                        ghl: { url: \(summary.ghl.url), location_id: \(summary.ghl.locationId), token_env: GHL_TOKEN_\(index) }
                        mapping: people

                    """
            }
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: configPath))
        }

        /// Every sync's tokens, with `wrong` syncs given a GHL token the simulator refuses.
        func environment(wrongGHLToken wrong: Set<Int> = []) -> [String: String] {
            var environment: [String: String] = [:]
            for (index, harness) in harnesses.enumerated() {
                environment["FULCRUM_TOKEN_\(index)"] = harness.sims.summary.fulcrum.token
                environment["GHL_TOKEN_\(index)"] = wrong.contains(index) ? "pit-not-a-real-token-0000" : harness.sims.summary.ghl.token
            }
            return environment
        }

        /// Seeds location `index`'s form with `count` records of its own.
        func seed(_ index: Int, count: Int) async {
            let sims = harnesses[index].sims
            let records = (1...count).map { n in
                sims.fulcrumRecord(id: "\(names[index])-\(n)", values: [
                    "first_name": "Person\(n)", "last_name": names[index].capitalized, "email": "p\(n)@\(names[index]).example.com",
                ])
            }
            await sims.cluster.fulcrum.store.seed(records: records)
        }

        func run(environment: [String: String], sync: String? = nil, stateFolder: String? = nil) async throws -> [SyncsRun.Outcome] {
            var runs = SyncsRun(
                configPath: configPath, targets: try SyncTarget.select(configPath: configPath, stateOption: stateFolder, sync: sync),
                options: ReconcileOptions())
            runs.environment = environment
            return await runs.run { _, _ in }
        }

        func stop() async {
            for harness in harnesses { await harness.stop() }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func withThree(_ body: (ThreeLocations) async throws -> Void) async throws {
        let three = try await ThreeLocations.start()
        do {
            try three.writeConfig()
            try await body(three)
        } catch {
            await three.stop()
            throw error
        }
        await three.stop()
    }

    @Test func everySyncReconcilesItsOwnLocationIntoItsOwnStateFile() async throws {
        try await Self.withThree { three in
            for index in 0..<3 { await three.seed(index, count: index + 1) }

            let outcomes = try await three.run(environment: three.environment())

            #expect(outcomes.map(\.target.name) == ["north", "south", "east"])
            #expect(outcomes.map(\.exitCode) == [0, 0, 0])
            for (index, harness) in three.harnesses.enumerated() {
                let emails = await harness.contacts().compactMap { $0.fields["email"]?.stringValue }.sorted()
                #expect(emails == (1...(index + 1)).map { "p\($0)@\(three.names[index]).example.com" }, "location \(index + 1)")
                let state = three.directory.appendingPathComponent("fgsync-\(three.names[index]).sqlite").path
                #expect(outcomes[index].target.statePath == state)
                let store = try SQLiteStateStore.openReadOnly(path: state)
                #expect(try await store.liveBaseCount() == index + 1)
            }
        }
    }

    @Test func aSyncWhoseTokenIsRefusedDoesNotStopTheSyncsAfterIt() async throws {
        try await Self.withThree { three in
            for index in 0..<3 { await three.seed(index, count: 2) }

            let outcomes = try await three.run(environment: three.environment(wrongGHLToken: [0]))

            #expect(outcomes.map(\.exitCode) == [4, 0, 0])
            #expect(SyncsRun.exitCode(outcomes) == 4)
            #expect(await three.harnesses[0].contacts().isEmpty)
            #expect(await three.harnesses[1].contacts().count == 2)
            #expect(await three.harnesses[2].contacts().count == 2)
            let text = "\(outcomes[0].report?.error ?? outcomes[0].error ?? "")"
            #expect(!text.contains("pit-not-a-real-token"), "a token reached the outcome")
        }
    }

    @Test func theFirstRunMakesTheStateFolderItIsGiven() async throws {
        try await Self.withThree { three in
            await three.seed(0, count: 1)
            let folder = three.directory.appendingPathComponent("state/agency").path

            let outcomes = try await three.run(environment: three.environment(), sync: "north", stateFolder: folder)

            #expect(outcomes.map(\.exitCode) == [0])
            #expect(FileManager.default.fileExists(atPath: folder + "/fgsync-north.sqlite"))
        }
    }

    @Test func namingOneSyncRunsOnlyThatSync() async throws {
        try await Self.withThree { three in
            for index in 0..<3 { await three.seed(index, count: 1) }

            let outcomes = try await three.run(environment: three.environment(), sync: "south")

            #expect(outcomes.map(\.target.name) == ["south"])
            #expect(await three.harnesses[0].contacts().isEmpty)
            #expect(await three.harnesses[1].contacts().count == 1)
            #expect(await three.harnesses[2].contacts().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: three.directory.appendingPathComponent("fgsync-north.sqlite").path))
        }
    }

    @Test func statusShowsEverySyncsHealthInOneTable() async throws {
        try await Self.withThree { three in
            for index in 0..<3 { await three.seed(index, count: 1) }
            _ = try await three.run(environment: three.environment(wrongGHLToken: [0]), sync: "north")
            _ = try await three.run(environment: three.environment(), sync: "south")

            let targets = try SyncTarget.select(configPath: three.configPath, stateOption: nil, sync: nil)
            let table = await SyncsStatusJob(targets: targets).run()

            #expect(table.syncs.map(\.name) == ["north", "south", "east"])
            #expect(table.syncs.map(\.health) == [.failing, .ok, .missing])
            let text = table.text
            #expect(text.contains("fgsync status: 3 syncs (1 ok, 1 failing, 1 missing)"), "\(text)")
            #expect(text.contains("east: no state file yet; run `fgsync reconcile --sync east`"), "\(text)")
            #expect(text.contains("north: the last run failed"), "\(text)")
        }
    }
}
