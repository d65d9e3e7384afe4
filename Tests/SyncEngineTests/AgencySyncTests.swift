import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Synchronization
import Testing

/// A sync in agency mode (`ghl.agency_token_env`, `ghl.company_id`) against a 3-location
/// simulator, as sync `loc-2` of the config `fgsync simulate --locations 3 --write-config`
/// writes: it mints its location's token from the Company token, touches only its location, and
/// stops with one clear error when the location uninstalled the app.
struct AgencySyncTests {
    /// Three locations and three forms; the sync is `loc-2`'s pair.
    struct World {
        let cluster: SimulatorCluster
        let summary: SimulatorSummary
        let directory: URL
        let companyToken: String
        /// The variables a run sees (the agency's token, or the app's credentials).
        var environment: [String: String]
        var sync: SimulatorSummary.Sync { summary.syncs![1] }
        var statePath: String { directory.appendingPathComponent("fgsync-loc-2.sqlite").path }
        var configPath: String { directory.appendingPathComponent("fgsync.yml").path }

        func run(log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> RunReport {
            var run = ReconcileRun(configPath: configPath, sync: "loc-2", statePath: statePath, options: ReconcileOptions())
            run.environment = environment
            run.clientOptions = ClientOptions(sleeper: ImmediateSleeper(), jitter: SeededJitter(seed: 7))
            return try await run.run(log: log)
        }

        func mints() -> Int { cluster.ghl.statsSnapshot()["byRoute"]?["POST /oauth/locationToken"]?.intValue ?? 0 }

        func uninstall() async { _ = await cluster.ghl.setInstalled(false, locationId: sync.locationId) }
    }

    static func contact(_ first: String, _ email: String) -> JSONValue {
        ["firstName": .string(first), "lastName": "Agency", "email": .string(email)]
    }

    /// `storedPair`: `ghl.company_id` alone, the Company pair from `fgsync auth ghl --company`;
    /// otherwise `ghl.agency_token_env: GHL_AGENCY_TOKEN`.
    static func withWorld(storedPair: Bool = false, _ body: (World) async throws -> Void) async throws {
        var options = SimulatorOptions()
        options.locations = 3
        options.randomSeed = 11
        let cluster = await SimulatorCluster(options: options)
        let summary = try await cluster.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-agency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(10))
        do {
            // The agency's Company token, over HTTP as `user_type=Company`.
            let code = await cluster.ghl.store.issueAuthorizationCode()
            let session = OAuthSession(
                tokenFile: directory.appendingPathComponent("agency.json"), clientId: options.ghl.oauthClientId,
                clientSecret: options.ghl.oauthClientSecret, transport: transport,
                baseURL: URL(string: summary.ghl.url)!, userType: "Company")
            let company = try await session.exchange(code: code, redirectURI: "http://localhost/cb")
            let sync = try #require(summary.syncs?[1])
            // The written config, with loc-2 switched to the agency's token.
            let agencyKey = storedPair ? "" : "agency_token_env: GHL_AGENCY_TOKEN\n      "
            let yaml = summary.fgsyncConfigYAML().replacingOccurrences(
                of: "location_id: \(sync.locationId)\n      token_env: GHL_TOKEN",
                with: "location_id: \(sync.locationId)\n      \(agencyKey)company_id: \(options.ghl.companyId)")
            #expect(yaml.contains("company_id"))
            let credentials = ["GHL_CLIENT_ID": options.ghl.oauthClientId, "GHL_CLIENT_SECRET": options.ghl.oauthClientSecret]
            let environment = ["FULCRUM_TOKEN": summary.fulcrum.token].merging(
                storedPair ? credentials : ["GHL_AGENCY_TOKEN": company.accessToken]) { $1 }
            let world = World(
                cluster: cluster, summary: summary, directory: directory, companyToken: company.accessToken,
                environment: environment)
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: world.configPath))
            await cluster.ghl.stores[0].seed(contacts: [contact("Una", "una@example.com")])
            await cluster.ghl.stores[1].seed(contacts: [contact("Dos", "dos@example.com"), contact("Duo", "duo@example.com")])
            await cluster.ghl.stores[2].seed(contacts: [contact("Tres", "tres@example.com")])
            try await body(world)
        } catch {
            try? await transport.shutdown()
            await cluster.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        try? await transport.shutdown()
        await cluster.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func aSyncInAgencyModeReconcilesItsOwnLocationAndWritesNothingToTheOthers() async throws {
        try await Self.withWorld { world in
            let before1 = await world.cluster.ghl.stores[0].allContacts()
            let before3 = await world.cluster.ghl.stores[2].allContacts()

            _ = try await world.run()

            let records = await world.cluster.fulcrum.store.allRecords()
            #expect(records.count == 2)
            #expect(records.allSatisfy { $0.formId == world.sync.formId })
            let linked = await world.cluster.ghl.stores[1].allContacts()
            #expect(linked.allSatisfy { $0.customFields[world.sync.externalIdFieldId]?.stringValue != nil })
            #expect(await world.cluster.ghl.stores[0].allContacts() == before1)
            #expect(await world.cluster.ghl.stores[2].allContacts() == before3)
            #expect(world.mints() == 1)
        }
    }

    @Test func aSyncWithOnlyACompanyIdUsesTheStoredCompanyPairAndRefreshesItWhenRefused() async throws {
        try await Self.withWorld(storedPair: true) { world in
            let code = await world.cluster.ghl.store.issueAuthorizationCode()
            var authorization = GHLAuthorization(configPath: world.configPath, sync: "loc-2", statePath: world.statePath)
            authorization.company = true
            _ = try await authorization.run(code: code, redirectURI: "http://localhost/cb", environment: world.environment)
            let file = TokenFile(url: LiveConnection.companyTokenFile(statePath: world.statePath, companyId: GHLOptions().companyId))
            let stored = try #require(try file.load())
            #expect(stored.userType == "Company")
            // A day later the simulator refuses the Company token: the pair is refreshed and minting goes on.
            world.cluster.clock.advance(millis: 86_400_000)

            _ = try await world.run()

            #expect(try file.load()?.refreshToken != stored.refreshToken)
            #expect(await world.cluster.fulcrum.store.allRecords().count == 2)
        }
    }

    @Test func theLocationTokenIsKeptBesideTheStateFileForItsOwnerOnlyAndNeverLogged() async throws {
        try await Self.withWorld { world in
            let lines = LogLines()
            _ = try await world.run { lines.append($0) }

            let file = LiveConnection.locationTokenFile(statePath: world.statePath)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let stored = try #require(try TokenFile(url: file).load())
            #expect(stored.locationId == world.sync.locationId)
            #expect(!lines.all().contains { $0.contains(stored.accessToken) || $0.contains(world.companyToken) })
        }
    }

    @Test func aRevokedLocationTokenIsReplacedByANewlyMintedOne() async throws {
        try await Self.withWorld { world in
            _ = try await world.run()
            await world.uninstall()
            _ = await world.cluster.ghl.setInstalled(true, locationId: world.sync.locationId)

            _ = try await world.run()

            #expect(world.mints() == 2)
        }
    }

    @Test func aSyncWhoseLocationUninstalledStopsWithTheDistinctErrorAndStatus() async throws {
        try await Self.withWorld { world in
            await world.uninstall()

            let error = await #expect(throws: SyncEngineError.self) { _ = try await world.run() }

            #expect(error?.code == .uninstalled)
            #expect(error?.message == "location \(world.sync.locationId) has uninstalled the app; reinstall it from the Marketplace or remove sync loc-2 from the config")
            #expect(error.map { ExitStatus.code(for: $0) } == 5)
            let store = try StateStore(path: world.statePath)
            #expect(try await store.installation()?.installed == false)
            #expect(await world.cluster.fulcrum.store.allRecords().isEmpty)
            try store.close()
        }
    }

    @Test func theCommandLineStopsTheUninstalledSyncWithExit5AndNoToken() async throws {
        try await Self.withWorld { world in
            await world.uninstall()

            let result = try CLIExitCodeTests.run(
                ["reconcile", "--config", world.configPath, "--sync", "loc-2", "--quiet"], environment: world.environment)

            #expect(result.status == 5, "\(result.stderr)")
            #expect(result.stderr.contains("location \(world.sync.locationId) has uninstalled the app; reinstall it from the Marketplace or remove sync loc-2 from the config"))
            #expect(!result.stderr.contains(world.companyToken))
        }
    }

    @Test func aLocationRecordedUninstalledDoesNotStartUntilAnInstallIsRecorded() async throws {
        try await Self.withWorld { world in
            let store = try StateStore(path: world.statePath)
            try await store.recordInstallation(
                installed: false, at: Date(timeIntervalSince1970: 1_800_000_000), source: "webhook",
                locationId: world.sync.locationId)

            let error = await #expect(throws: SyncEngineError.self) { _ = try await world.run() }
            #expect(error?.code == .uninstalled)
            #expect(world.mints() == 0)

            try await store.recordInstallation(
                installed: true, at: Date(timeIntervalSince1970: 1_800_000_060), source: "webhook",
                locationId: world.sync.locationId)
            try store.close()
            _ = try await world.run()
            #expect(await world.cluster.fulcrum.store.allRecords().count == 2)
        }
    }
}

/// Progress lines a run printed.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    func all() -> [String] { lines.withLock { $0 } }
}

/// The config `fgsync simulate --locations 3 --write-config` writes, read by the `syncs:` loader.
struct SimulatedSyncsConfigTests {
    @Test func theWrittenConfigOfThreeLocationsLoadsAsThreeSyncsEachWithItsPair() async throws {
        var options = SimulatorOptions()
        options.locations = 3
        let summary = await SimulatorCluster(options: options).summary(fulcrumPort: 1, ghlPort: 2)

        let set = try SyncSet.load(yaml: summary.fgsyncConfigYAML(), source: "simulate --locations 3")

        let syncs = try #require(summary.syncs)
        #expect(set.entries.map(\.name) == syncs.map(\.name))
        for (entry, sync) in zip(set.entries, syncs) {
            #expect(entry.config.fulcrum.id == sync.formId)
            #expect(entry.config.ghl.id == sync.locationId)
            #expect(entry.config.ghlLinkField == sync.externalIdFieldId)
            #expect(entry.config.fulcrum.tokenEnv == "FULCRUM_TOKEN")
            #expect(entry.config.ghl.tokenEnv == "GHL_TOKEN")
            #expect(entry.config.fields.count == set.entries[0].config.fields.count)
        }
    }

    @Test func aOneLocationConfigStaysASingleSync() async throws {
        let summary = await SimulatorCluster(options: SimulatorOptions()).summary(fulcrumPort: 1, ghlPort: 2)
        let set = try SyncSet.load(yaml: summary.fgsyncConfigYAML(), source: "simulate")
        #expect(set.isSingle)
        #expect(summary.syncs == nil)
    }
}
