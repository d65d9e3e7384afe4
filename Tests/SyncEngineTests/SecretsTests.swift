import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Testing

/// Tokens never reach an error, a report or the state file.
@Suite(.serialized)
struct SecretsTests {
    @Test func aRejectedGHLTokenStopsTheRunWithAnAuthErrorThatDoesNotShowTheToken() async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        let secret = "pit-wrong-0000-SECRET-TOKEN-VALUE"
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(5))
        defer { Task { try? await transport.shutdown() } }
        let ghl = HighLevelClient(
            baseURL: URL(string: harness.sims.summary.ghl.url)!, locationId: harness.sims.summary.ghl.locationId,
            auth: .privateToken(secret), transport: transport, options: ClientOptions(sleeper: ImmediateSleeper()))
        let store = try StateStore(path: harness.statePath)
        let reportDir = harness.directory.appendingPathComponent("report")
        let job = ReconcileJob(
            config: harness.sims.config, store: store, fulcrum: harness.sims.fulcrumGateway,
            ghl: GHLClientGateway(client: ghl), options: ReconcileOptions(reportDirectory: reportDir))

        let error = await #expect(throws: (any Error).self) { try await job.run() }

        let text = "\(String(describing: error)) \(error.map { String(reflecting: $0) } ?? "")"
        #expect(!text.contains("SECRET"), "the error shows the token: \(text)")
        #expect(error.map(ExitStatus.code(for:)) == 4)
        let stateBytes = try Data(contentsOf: URL(fileURLWithPath: harness.statePath))
        #expect(stateBytes.range(of: Data("SECRET".utf8)) == nil, "the state file holds the token")
    }

    @Test func missingCredentialsAreNamedWithoutGuessingAValue() throws {
        let config = try MappingConfig.load(yaml: """
            fulcrum: { form_id: f1 }
            ghl: { location_id: l1 }
            link: { ghl_custom_field: cf1, fulcrum_field: ghl_contact_id }
            fields: [ { fulcrum: email, ghl: email } ]
            """)
        #expect(throws: SyncEngineError.self) {
            try LiveConnection.open(config: config, statePath: "/tmp/none.sqlite", environment: [:])
        }
        do {
            _ = try LiveConnection.open(config: config, statePath: "/tmp/none.sqlite", environment: ["FULCRUM_TOKEN": "fulcrum-tok-7f3a9c"])
            Issue.record("opened without GHL credentials")
        } catch {
            #expect("\(error)".contains("GHL_TOKEN"))
            #expect(!"\(error)".contains("fulcrum-tok-7f3a9c"))
            #expect(ExitStatus.code(for: error) == 4)
        }
    }
}
