import Demo
import FulcrumAPI
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import Testing
import TestSupport

/// Issue 11 items 5, 7 and 9 over real loopback HTTP: operator mistakes are caught before either
/// system is written, tokens are trimmed and never printed, and wrong keys are named (exit 2).
@Suite(.serialized)
struct HostileRunTests {
    // MARK: - Item 5: --report-dir

    enum BadReportDir: String, CaseIterable { case aFileInTheWay, aFolderUnderAFile, aReadOnlyFolder }

    @Test(arguments: BadReportDir.allCases)
    func anUnwritableReportDirIsRefusedBeforeEitherSystemIsWritten(_ kind: BadReportDir) async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            await harness.sims.cluster.fulcrum.store.seed(records: [harness.sims.fulcrumRecord(id: "f-new", values: ["email": "new@example.com"])])
            let file = harness.directory.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: file)
            let directory: URL
            switch kind {
            case .aFileInTheWay: directory = file
            case .aFolderUnderAFile: directory = file.appendingPathComponent("reports")
            case .aReadOnlyFolder:
                directory = harness.directory.appendingPathComponent("locked")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
            }
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }
            let error = await #expect(throws: SyncEngineError.self) { try await harness.reconcile(ReconcileOptions(reportDirectory: directory)) }
            #expect(error?.message.contains("--report-dir") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("--out") == false)
            #expect(error.map(ExitStatus.code(for:)) == 2)
            #expect(harness.writeCount() == 0, "a system was written before the report directory was checked")
        }
    }

    // MARK: - Item 7: tokens

    static func run(_ harness: LiveHarness, fulcrumToken: String, ghlToken: String) async throws -> RunReport {
        let configPath = harness.directory.appendingPathComponent("fgsync.yaml").path
        try harness.sims.summary.fgsyncConfigYAML().write(toFile: configPath, atomically: true, encoding: .utf8)
        var run = ReconcileRun(configPath: configPath, statePath: harness.statePath, options: ReconcileOptions())
        run.environment = ["FULCRUM_TOKEN": fulcrumToken, "GHL_TOKEN": ghlToken]
        run.clientOptions = LiveHarness.clientOptions()
        return try await run.run { _ in }
    }

    @Test(arguments: HostileCorpus.tokenWrappings())
    func aTokenWrappedInWhitespaceByACopyPasteIsTrimmedAndTheRunSucceeds(_ wrapping: HostileCorpus.TokenWrapping) async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            let report = try await Self.run(
                harness, fulcrumToken: wrapping.wrap(harness.sims.summary.fulcrum.token), ghlToken: wrapping.wrap(harness.sims.summary.ghl.token))
            #expect(report.outcome == "ok")
        }
    }

    @Test(arguments: HostileCorpus.tokenWrappings())
    func aRefusedTokenWithWhitespaceExitsWith4AndIsNeverPrinted(_ wrapping: HostileCorpus.TokenWrapping) async throws {
        try await LiveHarness.run { harness in
            let secret = "pit-wrong-0000-SECRET-TOKEN"
            let error = await #expect(throws: (any Error).self) {
                try await Self.run(harness, fulcrumToken: harness.sims.summary.fulcrum.token, ghlToken: wrapping.wrap(secret))
            }
            let text = "\(String(describing: error)) \(error.map { String(reflecting: $0) } ?? "")"
            #expect(!text.contains("SECRET"), "the error shows the token: \(text)")
            #expect(error.map(ExitStatus.code(for:)) == 4)
        }
    }

    @Test(arguments: HostileCorpus.malformedTokens())
    func aTokenNoTrimmingRepairsIsRefusedBeforeAnyRequestWithExit4AndNeverPrinted(_ token: HostileCorpus.MalformedToken) async throws {
        let config = try MappingConfig.load(yaml: """
            fulcrum: { form_id: f1 }
            ghl: { location_id: l1 }
            link: { ghl_custom_field: cf1, fulcrum_field: ghl_contact_id }
            fields: [ { fulcrum: email, ghl: email } ]
            """)
        for variable in ["FULCRUM_TOKEN", "GHL_TOKEN"] {
            var environment = ["FULCRUM_TOKEN": "fine-token", "GHL_TOKEN": "fine-token"]
            environment[variable] = token.value
            do {
                let connection = try LiveConnection.open(config: config, statePath: "/tmp/none.sqlite", environment: environment)
                await connection.close()
                Issue.record("\(variable): a malformed token was accepted")
            } catch {
                #expect(ExitStatus.code(for: error) == 4)
                #expect(!"\(error)".contains("SECRET") && !"\(error)".contains("AAAA"), "the error shows the token")
                #expect("\(error)".contains(variable))
            }
        }
    }

    // MARK: - Item 9: wrong url, form_id, location_id

    enum WrongKey: String, CaseIterable { case formId = "fulcrum.form_id", locationId = "ghl.location_id", fulcrumURL = "fulcrum.url", ghlURL = "ghl.url" }

    @Test(arguments: WrongKey.allCases)
    func aWrongEndpointKeyIsNamedWithExit2BeforeAnyWrite(_ key: WrongKey) async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            // Nothing listens at `nowhere`: one short connect attempt is enough to know it.
            let transport = AsyncHTTPTransport(connectTimeout: .milliseconds(300))
            var options = LiveHarness.clientOptions()
            options.retry.maxAttempts = 1
            harness.extraTransport = transport
            let summary = harness.sims.summary
            var config = harness.sims.config
            let nowhere = URL(string: "http://127.0.0.1:9")!
            switch key {
            case .formId:
                config.fulcrum.id = "00000000-0000-4000-8000-00000000dead"
                harness.fulcrumGateway = FulcrumClientGateway(client: harness.sims.fulcrumClient, formId: config.fulcrum.id)
            case .fulcrumURL:
                config.fulcrum.url = nowhere.absoluteString
                harness.fulcrumGateway = FulcrumClientGateway(
                    client: FulcrumClient(baseURL: nowhere, token: summary.fulcrum.token, transport: transport, options: options),
                    formId: summary.fulcrum.formId)
            case .locationId:
                config.ghl.id = "WrongLocation0000001"
                harness.ghlGateway = GHLClientGateway(client: HighLevelClient(
                    baseURL: URL(string: summary.ghl.url)!, locationId: config.ghl.id, auth: .privateToken(summary.ghl.token),
                    transport: transport, options: options))
            case .ghlURL:
                config.ghl.url = nowhere.absoluteString
                harness.ghlGateway = GHLClientGateway(client: HighLevelClient(
                    baseURL: nowhere, locationId: summary.ghl.locationId, auth: .privateToken(summary.ghl.token),
                    transport: transport, options: options))
            }
            let error = await #expect(throws: SyncEngineError.self) { try await harness.reconcile(config: config) }
            #expect(error?.message.contains(key.rawValue) == true, "\(error?.message ?? "")")
            #expect(error.map(ExitStatus.code(for:)) == 2)
            #expect(harness.writeCount() == 0)
        }
    }

    @Test func aTruncatedSnapshotGivenToPlanSaysWhereItEnds() async throws {
        let scenario = try ScenarioLoader.load("three-way-only-ghl-changed")
        let job = FilePlanJob(
            configURL: scenario.configURL, formURL: scenario.formURL,
            recordsURL: HostileCorpus.url("records-truncated.json"), contactsURL: scenario.contactsURL)
        let error = await #expect(throws: SyncCoreError.self) { try await job.run() }
        #expect(error?.message.contains("records-truncated.json") == true)
        #expect(error?.message.contains("line 4, column") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("truncated") == true)
    }
}
