import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Testing

/// `fgsync doctor` over the simulators: all clear on the simulate config once serve is set up,
/// and each broken thing named as an error (or a warning, where a run still works) with its fix.
@Suite(.serialized)
struct DoctorTests {
    @Test func theSimulateConfigWithServeSetUpHasOnlyOkFindings() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            let files = try OnboardingFiles(harness)
            _ = try await files.reconcile()
            _ = try await harness.sims.fulcrumClient.createWebhook(
                name: "fgsync serve", url: "http://127.0.0.1:9/webhooks/fulcrum/\(OnboardingFiles.secret)")
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let store = try SQLiteStateStore(path: files.statePath, clock: StoreClock { now.addingTimeInterval(-60) })
            for source in ["fulcrum", "ghl"] {
                _ = try await store.insertInboxEvent(InboxEvent(id: "\(source):1", source: source, payload: "{}"))
            }
            try store.close()

            let report = await files.doctor(now: now)

            #expect(report.ok)
            #expect(report.findings.allSatisfy { $0.status == .ok }, "\(report.problems)")
            #expect(report.finding("ghl.duplicates")?.detail.contains("refuses duplicate contacts") == true)
            #expect(report.finding("ghl.rate_limit")?.detail.contains("of 200000 requests left today") == true, "\(report.finding("ghl.rate_limit")?.detail ?? "")")
        }
    }

    @Test func aConfigThatLoadsIsAnOkFindingNamingItsFieldCountAndLink() async throws {
        try await OnboardingFiles.run(options: SimulatorOptions()) { files in

            let report = await files.doctor()

            let config = try #require(report.finding("config"), "\(report.findings.map(\.check))")
            #expect(config.status == .ok)
            #expect(config.detail.contains("loads:") && config.detail.contains("fields, link"), "\(config.detail)")
        }
    }

    @Test(arguments: [("GHL_TOKEN", "ghl.location"), ("FULCRUM_TOKEN", "fulcrum.form")])
    func aWrongTokenIsAnErrorNamingTheSystemWithoutShowingTheToken(variable: String, check: String) async throws {
        try await LiveHarness.run { harness in
            let files = try OnboardingFiles(harness, environment: [variable: "wrong-token-7c1e"])

            let report = await files.doctor()

            #expect(!report.ok)
            #expect(report.finding(check)?.status == .error, "\(report.problems)")
            #expect(report.finding(check)?.fix?.contains(variable) == true)
            #expect(!report.text.contains("wrong-token-7c1e"))
            #expect(!(String(data: try report.json(), encoding: .utf8) ?? "").contains("wrong-token-7c1e"))
        }
    }

    @Test func aMissingGHLLinkFieldIsAnErrorThatSaysHowToCreateIt() async throws {
        var options = SimulatorOptions()
        options.ghl.linkFieldBuiltIn = false
        try await OnboardingFiles.run(options: options) { files in

            let report = await files.doctor()

            let finding = report.finding("link.ghl_custom_field")
            #expect(finding?.status == .error, "\(report.problems)")
            #expect(finding?.fix?.contains("fgsync init --create-missing") == true)
            #expect(!report.ok)
        }
    }

    @Test func aMissingFulcrumLinkFieldIsAnErrorThatSaysWhatToAddInTheAppBuilder() async throws {
        try await LiveHarness.run { harness in
            let yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(of: "fulcrum_field: ghl_contact_id", with: "fulcrum_field: ghl_id")
            let files = try OnboardingFiles(harness, yaml: yaml)

            let report = await files.doctor()

            let finding = report.finding("link.fulcrum_field")
            #expect(finding?.status == .error, "\(report.problems)")
            #expect(finding?.detail.contains("\"ghl_id\"") == true)
            #expect(finding?.fix?.contains("app builder") == true)
        }
    }

    @Test func aMappedFieldDeletedFromTheFormIsAnErrorNamingIt() async throws {
        let form = try await Self.defaultForm(without: "company_name")
        var options = SimulatorOptions()
        options.fulcrum.form = form
        try await OnboardingFiles.run(options: options) { files in

            let report = await files.doctor()

            let finding = report.finding("mapping")
            #expect(finding?.status == .error, "\(report.problems)")
            #expect(finding?.detail.contains("\"company_name\" is not a field of form") == true, "\(finding?.detail ?? "")")
            #expect(report.finding("link.fulcrum_field")?.status == .ok)
        }
    }

    @Test func serveWithNoFulcrumWebhookRegisteredIsNamedWithTheCallThatRegistersOne() async throws {
        try await LiveHarness.run { harness in
            let files = try OnboardingFiles(harness)

            let report = await files.doctor()

            let finding = report.finding("serve.fulcrum_webhook")
            #expect(finding?.status == .warning, "\(report.problems)")
            #expect(finding?.detail.contains("no active Fulcrum webhook") == true)
            #expect(finding?.fix?.contains("POST /api/v2/webhooks.json") == true)
            #expect(report.finding("serve.received")?.status == .warning)
        }
    }

    @Test func aFulcrumWebhookWithAnotherSecretIsAnErrorThatDoesNotShowTheSecret() async throws {
        try await LiveHarness.run { harness in
            let files = try OnboardingFiles(harness)
            _ = try await harness.sims.fulcrumClient.createWebhook(name: "old", url: "http://127.0.0.1:9/webhooks/fulcrum/an-older-secret-000000")

            let report = await files.doctor()

            #expect(report.finding("serve.fulcrum_webhook")?.status == .error, "\(report.problems)")
            #expect(!report.text.contains(OnboardingFiles.secret))
        }
    }

    @Test func anEmptyWebhookSecretVariableIsAWarningAndNeverReportedAsMatching() async throws {
        try await LiveHarness.run { harness in
            let files = try OnboardingFiles(harness, environment: ["FGSYNC_FULCRUM_WEBHOOK_SECRET": ""])
            _ = try await harness.sims.fulcrumClient.createWebhook(
                name: "fgsync serve", url: "http://127.0.0.1:9/webhooks/fulcrum/\(OnboardingFiles.secret)")

            let report = await files.doctor()

            let finding = report.finding("serve.fulcrum_webhook")
            #expect(finding?.status == .warning, "\(report.problems)")
            #expect(finding?.detail.contains("unset or empty") == true, "\(finding?.detail ?? "")")
            #expect(finding?.detail.contains("with the secret") == false)
        }
    }

    @Test func interruptedWritesAndParkedEventsInTheStateFileAreWarnings() async throws {
        try await LiveHarness.run { harness in
            let files = try OnboardingFiles(harness)
            let store = try SQLiteStateStore(path: files.statePath)
            let run = try await store.startRun(kind: "reconcile", mode: "apply")
            _ = try await store.appendJournal(runId: run, operations: [
                SyncCore.Operation(side: .ghl, kind: .update, fulcrumId: "f-1", contactId: "Ghl1", fields: ["firstName": FieldValue(canonical: "ada", text: "Ada")])
            ])
            _ = try await store.insertInboxEvent(InboxEvent(id: "ghl:9", source: "ghl", payload: "{}", receivedAt: Date()))
            _ = try await store.deferInboxEvents(ids: ["ghl:9"], error: "boom", maxAttempts: 1) { _ in .seconds(1) }
            try store.close()

            let report = await files.doctor()

            #expect(report.finding("state.journal")?.status == .warning, "\(report.problems)")
            #expect(report.finding("state.journal")?.detail.contains("1 write") == true)
            #expect(report.finding("state.inbox")?.status == .warning)
            #expect(report.finding("state.schema")?.status == .ok)
        }
    }

    @Test(arguments: [(false, DoctorFinding.Status.ok), (true, .warning)])
    func whetherTheLocationAllowsDuplicateContactsIsReported(allows: Bool, status: DoctorFinding.Status) async throws {
        var options = SimulatorOptions()
        options.ghl.allowDuplicateContacts = allows
        try await OnboardingFiles.run(options: options) { files in
            let report = await files.doctor()

            #expect(report.finding("ghl.duplicates")?.status == status, "\(report.problems)")
            #expect(report.finding("ghl.duplicates")?.detail.contains(allows ? "allows duplicate contacts" : "refuses duplicate contacts") == true)
        }
    }

    @Test func littleOfTheDailyGHLAllowanceLeftIsAWarningWithTheNumbers() async throws {
        var options = SimulatorOptions()
        options.ghl.dailyLimit = 20
        try await OnboardingFiles.run(options: options) { files in
            for _ in 0..<16 { _ = try await files.sims.ghlClient.searchContacts(pageLimit: 1) }

            let report = await files.doctor()

            let finding = report.finding("ghl.rate_limit")
            #expect(finding?.status == .warning, "\(report.problems)")
            #expect(finding?.detail.contains(" of 20 requests left today") == true, "\(finding?.detail ?? "")")
        }
    }

    @Test(arguments: [
        // The scope the token lacks, the child check, how it stands, the scope its fix names.
        ("contacts.write", "ghl.scopes.notes", DoctorFinding.Status.error, "contacts.write"),
        ("contacts.write", "ghl.scopes.tasks", .error, "contacts.write"),
        ("contacts.write", "ghl.scopes.appointments", .ok, nil),
        ("contacts.readonly", "ghl.scopes.notes", .error, "contacts.readonly"),
        ("contacts.readonly", "ghl.scopes.appointments", .error, "contacts.readonly"),
    ] as [(String, String, DoctorFinding.Status, String?)])
    func aTokenMissingAScopeAMappedChildKindNeedsIsNamedWithTheScope(missing: String, check: String, status: DoctorFinding.Status, scope: String?) async throws {
        try await LiveHarness.run { harness in
            let token = try await Self.ghlToken(harness, without: missing)
            let files = try OnboardingFiles(harness, environment: ["GHL_TOKEN": token])

            let report = await files.doctor()

            let finding = report.finding(check)
            #expect(finding?.status == status, "\(report.problems)")
            if let scope {
                #expect(finding?.detail.contains(scope) == true, "\(finding?.detail ?? "")")
                #expect(finding?.fix?.contains("the scope \(scope)") == true, "\(finding?.fix ?? "")")
            }
            #expect(!report.text.contains(token))
        }
    }

    @Test func notesKeptOnlyInFulcrumNeedNoWriteScopeForNotes() async throws {
        try await LiveHarness.run { harness in
            let token = try await Self.ghlToken(harness, without: "contacts.write")
            let yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(
                of: "notes: { repeatable: notes,", with: "notes: { direction: to_fulcrum, repeatable: notes,")
            let files = try OnboardingFiles(harness, yaml: yaml, environment: ["GHL_TOKEN": token])

            let report = await files.doctor()

            #expect(report.finding("ghl.scopes.notes")?.status == .ok, "\(report.problems)")
            #expect(report.finding("ghl.scopes.notes")?.detail.contains("direction is to_fulcrum") == true)
            #expect(report.finding("ghl.scopes.tasks")?.status == .error)
        }
    }

    /// An OAuth access token from the GHL simulator with every scope it knows but `scope`.
    static func ghlToken(_ harness: LiveHarness, without scope: String) async throws -> String {
        let all: Set = ["contacts.readonly", "contacts.write", "locations/customFields.readonly", "locations/customFields.write", "locations.readonly"]
        let code = await harness.sims.cluster.ghl.store.issueAuthorizationCode(scopes: all.subtracting([scope]))
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(10))
        let ghl = harness.sims.cluster.options.ghl
        let session = OAuthSession(
            tokenFile: harness.directory.appendingPathComponent("scoped-tokens.json"), clientId: ghl.oauthClientId,
            clientSecret: ghl.oauthClientSecret, transport: transport, baseURL: URL(string: harness.sims.summary.ghl.url)!,
            options: LiveHarness.clientOptions())
        let pair = try await session.exchange(code: code, redirectURI: "http://127.0.0.1/callback")
        try await transport.shutdown()
        return pair.accessToken
    }

    /// The simulator's default form without the element named `dataName`.
    static func defaultForm(without dataName: String) async throws -> JSONValue {
        let sims = try await LiveSimulators.start()
        let data = try await sims.fulcrumGateway.form()
        await sims.stop()
        guard case .object(var top) = try JSONValue.parse(data), case .object(var form) = top["form"],
            case .array(let elements) = form["elements"]
        else { throw SyncEngineError(.input, "the simulator's form has no elements") }
        form["elements"] = .array(elements.filter { $0["data_name"]?.stringValue != dataName })
        top["form"] = .object(form)
        return .object(top)
    }
}
