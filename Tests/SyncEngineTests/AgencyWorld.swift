import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Synchronization
import Testing

/// Three simulated locations and forms with sync `loc-2` of the written `syncs:` config switched
/// to agency mode, for `AgencySyncTests`.
extension AgencySyncTests {
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
}

/// Progress lines a run printed.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    func all() -> [String] { lines.withLock { $0 } }
}
