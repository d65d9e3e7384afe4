import Demo
import Foundation
import HighLevelAPI
import Logging
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncReports
import SyncStore
import Synchronization
import Testing
import TestSupport

/// Tokens never reach an error, a report, a log line or the state file (its `-wal` included).
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
        let store = try SQLiteStateStore(path: harness.statePath)
        let reportDir = harness.directory.appendingPathComponent("report")
        let logs = LogCapture()
        let job = ReconcileJob(
            config: harness.sims.config, store: store, fulcrum: harness.sims.fulcrumGateway,
            ghl: GHLClientGateway(client: ghl), options: ReconcileOptions(reportDirectory: reportDir), log: logs.append)

        let error = await #expect(throws: (any Error).self) { try await job.run() }

        let text = "\(String(describing: error)) \(error.map { String(reflecting: $0) } ?? "")"
        #expect(!text.contains("SECRET"), "the error shows the token: \(text)")
        #expect(error.map(ExitStatus.code(for:)) == 4)
        // The store is still open, so the run's pages are in the -wal.
        #expect(FileManager.default.fileExists(atPath: harness.statePath + "-wal"))
        #expect(SecretScan.leaks(of: [secret], under: harness.directory, logs: logs).isEmpty)
        withExtendedLifetime(store) {}
    }

    @Test func aRunWhoseOAuthTokensRotateLeavesNoSecretInTheStateFileItsWalTheTokenFilesNeighboursTheReportsOrTheLogs() async throws {
        var options = SimulatorOptions()
        options.ghl.accessTokenLifetimeSeconds = 600
        try await LiveHarness.run(options: options) { harness in
            await LiveSeeds.pairs(harness, count: 3)
            await LiveSeeds.crowd(harness, count: 6)
            let sims = harness.sims
            let configPath = harness.directory.appendingPathComponent("fgsync.yaml").path
            try sims.summary.fgsyncConfigYAML().write(toFile: configPath, atomically: true, encoding: .utf8)
            let ghlOptions = sims.cluster.options.ghl
            let environment = [
                "FULCRUM_TOKEN": sims.summary.fulcrum.token, "GHL_CLIENT_ID": ghlOptions.oauthClientId,
                "GHL_CLIENT_SECRET": ghlOptions.oauthClientSecret,
            ]
            let code = await sims.cluster.ghl.store.issueAuthorizationCode()
            _ = try await GHLAuthorization(configPath: configPath, statePath: harness.statePath)
                .run(code: code, redirectURI: "http://127.0.0.1/callback", environment: environment)
            let tokenFile = TokenFile(url: LiveConnection.tokenFile(statePath: harness.statePath))
            let issued = try #require(try tokenFile.load())
            harness.advanceClock(seconds: 700)  // the access token has expired: the run refreshes it

            let logs = LogCapture()
            var clientOptions = LiveHarness.clientOptions()
            clientOptions.logger = Logger(label: "fgsync.test") { _ in CapturingLogHandler(capture: logs) }
            clientOptions.logger.logLevel = .trace
            let connection = try LiveConnection.open(
                config: sims.config, statePath: harness.statePath, environment: environment, options: clientOptions)
            let store = try SQLiteStateStore(path: harness.statePath)
            let reportDir = harness.directory.appendingPathComponent("report")
            var runOptions = ReconcileOptions(reportDirectory: reportDir)
            runOptions.reportWriter = ReportFiles(formats: ReportFormat.allCases)
            let report = try await ReconcileJob(
                config: sims.config, store: store, fulcrum: connection.fulcrum, ghl: connection.ghl,
                options: runOptions, log: logs.append
            ).run()
            await connection.close()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            let rotated = try #require(try tokenFile.load())
            #expect(rotated.refreshToken != issued.refreshToken, "the run did not rotate the tokens")
            #expect(FileManager.default.fileExists(atPath: harness.statePath + "-wal"))
            for format in ReportFormat.allCases {
                #expect(FileManager.default.fileExists(atPath: reportDir.appendingPathComponent(format.fileName).path), "\(format)")
            }
            let secrets = [
                issued.accessToken, issued.refreshToken, rotated.accessToken, rotated.refreshToken,
                ghlOptions.oauthClientSecret, sims.summary.fulcrum.token, sims.summary.ghl.token,
            ]
            let leaks = SecretScan.leaks(of: secrets, under: harness.directory, except: [tokenFile.url], logs: logs)
            #expect(leaks.isEmpty, "\(leaks)")
            #expect(logs.count > 0, "nothing was logged, so nothing was checked")
            withExtendedLifetime(store) {}
        }
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

/// Looks for secrets in every file under a folder (the state file, its `-wal` and `-shm`, the
/// token file's neighbours, the reports) and in captured log lines.
enum SecretScan {
    /// Where a secret was found, naming the secret by its position in `secrets` (never its value).
    static func leaks(of secrets: [String], under folder: URL, except excluded: [URL] = [], logs: LogCapture) -> [String] {
        let skip = Set(excluded.map(\.standardizedFileURL.path))
        var found: [String] = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? []
        #expect(!files.isEmpty)
        for file in files where !skip.contains(file.standardizedFileURL.path) {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                let bytes = try? Data(contentsOf: file)
            else { continue }
            for (index, secret) in secrets.enumerated() where !secret.isEmpty && bytes.range(of: Data(secret.utf8)) != nil {
                found.append("file \(file.lastPathComponent) holds secret #\(index)")
            }
        }
        let text = logs.text
        for (index, secret) in secrets.enumerated() where !secret.isEmpty && text.contains(secret) {
            found.append("the logs hold secret #\(index)")
        }
        return found
    }
}
