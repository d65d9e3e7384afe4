import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing
@testable import SyncReports

/// Real runs against both simulators on loopback: reports stored in the state file, regenerated
/// read-only, and people's decisions applied by the next run.
@Suite(.serialized)
struct RunHistoryTests {
    struct Setup {
        let sims: LiveSimulators
        let directory: URL
        var statePath: String { directory.appendingPathComponent("state.sqlite").path }

        static func start() async throws -> Setup {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-reports-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let sims = try await LiveSimulators.start(options: SimulatorOptions())
            await sims.cluster.fulcrum.store.seed(records: [
                sims.fulcrumRecord(id: "f-ada", values: ["first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "company_name": "<script>alert(1)</script>"]),
                sims.fulcrumRecord(id: "f-alan", values: ["first_name": "Alan", "last_name": "Turing", "email": "alan@example.org"]),
            ])
            await sims.cluster.ghl.store.seed(contacts: [
                sims.ghlContact(id: "GhlAda", fields: ["firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "companyName": "Globex"]),
            ])
            return Setup(sims: sims, directory: directory)
        }

        func reconcile(_ options: ReconcileOptions) async throws -> RunReport {
            var options = options
            options.reportWriter = ReportFiles()
            let store = try SQLiteStateStore(path: statePath)
            return try await ReconcileJob(
                config: sims.config, store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway, options: options
            ).run()
        }

        func stop() async {
            await sims.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func fingerprint(_ path: String) throws -> (Data, Date?) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as? Date)
    }

    @Test func everyRunStoresItsReportAndWritesTheThreeFiles() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let reportDir = setup.directory.appendingPathComponent("run-1")
        let dry = try await setup.reconcile(ReconcileOptions(dryRun: true, reportDirectory: reportDir))
        #expect(dry.outcome == "dry-run")
        for name in ["report.json", "conflicts.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: reportDir.appendingPathComponent(name).path), "\(name) missing")
        }
        let conflict = try #require(dry.conflicts.first { $0.field == "company_name" })
        #expect(conflict.fulcrumName == "Ada Lovelace")
        #expect(conflict.ghlName == "Ada Lovelace")

        let applied = try await setup.reconcile(ReconcileOptions())
        #expect(applied.outcome == "ok")

        let before = try Self.fingerprint(setup.statePath)
        let last = try await ReportJob(statePath: setup.statePath, run: "last", formats: [.json]).run()
        #expect(last.report == applied)
        let first = try await ReportJob(statePath: setup.statePath, run: String(applied.runId), formats: [.html], outDirectory: setup.directory.appendingPathComponent("again")).run()
        #expect(first.report == applied)
        #expect(first.files.map(\.lastPathComponent) == ["report.html"])
        let html = try String(contentsOf: first.files[0], encoding: .utf8)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert(1)"))

        let status = try await StatusJob(statePath: setup.statePath).run()
        #expect(status.runs.map(\.id) == [applied.runId], "a dry run stores no run: its report went to the report directory only")
        #expect(status.runs.first?.outcome == "ok")
        #expect(status.railsHolding.isEmpty)
        #expect(status.text.contains("#\(applied.runId)"))
        let after = try Self.fingerprint(setup.statePath)
        #expect(after.0 == before.0, "report/status changed the state file's bytes")
        #expect(after.1 == before.1, "report/status changed the state file's mtime")
    }

    @Test func unknownRunsAreRefusedClearly() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let none = await #expect(throws: StoreError.self) { try await ReportJob(statePath: setup.statePath, formats: [.md]).run() }
        #expect(none?.code == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: setup.statePath))
        _ = try await setup.reconcile(ReconcileOptions(dryRun: true))
        let unknown = await #expect(throws: ReportError.self) { try await ReportJob(statePath: setup.statePath, run: "42", formats: [.md]).run() }
        #expect(unknown?.code == .unknownRun)
        #expect(unknown?.message.contains("no run 42") == true)
        let bad = await #expect(throws: ReportError.self) { try await ReportJob(statePath: setup.statePath, run: "yesterday", formats: [.md]).run() }
        #expect(bad?.code == .usage)
    }

    @Test func aManualConflictStaysOpenUntilAPersonDecidesThenTheNextRunAppliesIt() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let first = try await setup.reconcile(ReconcileOptions(policyOverride: .manual))
        #expect(first.conflicts.contains { $0.field == "company_name" && $0.winner == nil })
        let open = try await ConflictsJob(statePath: setup.statePath).run()
        let entry = try #require(open.first { $0.field == "company_name" })
        #expect(ConflictsJob.text(open).contains("#\(entry.id)"))
        #expect(first.conflicts.first { $0.field == "company_name" }?.conflictId == entry.id)
        #expect(HTMLReport.render(first).contains("fgsync resolve \(entry.id) --take"))

        let message = try await ResolveJob(statePath: setup.statePath, conflictId: entry.id, choice: .ghl).run()
        #expect(message.contains("take GHL's value"))
        #expect(try await ConflictsJob(statePath: setup.statePath).run().allSatisfy { $0.id != entry.id })
        #expect(try await StatusJob(statePath: setup.statePath).run().pendingDecisions == 1)

        let second = try await setup.reconcile(ReconcileOptions(policyOverride: .manual))
        #expect(second.outcome == "ok", "\(second.failed.map(\.error))")
        #expect(second.decisionsApplied == 1)
        let decided = try #require(second.conflicts.first { $0.field == "company_name" })
        #expect(decided.rule == "manual-decision")
        #expect(decided.winner == "ghl")
        let records = await setup.sims.cluster.fulcrum.store.allRecords()
        let key = setup.sims.formKeys["company_name"] ?? ""
        #expect(records.first { $0.id == "f-ada" }?.formValues[key]?.stringValue == "Globex")
        #expect(try await StatusJob(statePath: setup.statePath).run().pendingDecisions == 0)

        let third = try await setup.reconcile(ReconcileOptions(policyOverride: .manual))
        #expect(!third.conflicts.contains { $0.field == "company_name" })
    }

    @Test func aManualConflictMetAgainByALaterRunKeepsOneOpenRowThatResolveStillSettles() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let first = try await setup.reconcile(ReconcileOptions(policyOverride: .manual))
        let second = try await setup.reconcile(ReconcileOptions(policyOverride: .manual))

        let open = try await ConflictsJob(statePath: setup.statePath).run().filter { $0.field == "company_name" }
        #expect(open.count == 1, "\(open.map(\.id))")
        let entry = try #require(open.first)
        #expect(entry.runId == first.runId)
        #expect(second.conflicts.first { $0.field == "company_name" }?.conflictId == entry.id)
        let store = try SQLiteStateStore.openReadOnly(path: setup.statePath)
        #expect(try await store.conflicts(runId: second.runId).allSatisfy { $0.conflict.field != "company_name" })

        let message = try await ResolveJob(statePath: setup.statePath, conflictId: entry.id, choice: .ghl).run()
        #expect(message.contains("Conflict #\(entry.id)"))
        #expect(try await ConflictsJob(statePath: setup.statePath).run().allSatisfy { $0.field != "company_name" })
        let third = try await setup.reconcile(ReconcileOptions(policyOverride: .manual))
        #expect(third.decisionsApplied == 1, "\(third.failed.map(\.error))")
    }
}
