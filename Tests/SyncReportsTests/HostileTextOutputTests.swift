import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing
import TestSupport
@testable import SyncReports

/// Issue 11 item 8: a value typed by a stranger can neither forge a line nor reach the terminal
/// as a control sequence, in any text printer. One real run against both simulators where every
/// hostile name of the corpus conflicts (manual policy) and is held (in an invalid email).
@Suite(.serialized)
struct HostileTextOutputTests {
    static let names = HostileCorpus.names()

    struct World {
        let sims: LiveSimulators
        let directory: URL
        let report: RunReport
        var statePath: String { directory.appendingPathComponent("state.sqlite").path }

        static func start() async throws -> World {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let sims = try await LiveSimulators.start(options: SimulatorOptions())
            var records: [JSONValue] = []
            var contacts: [JSONValue] = []
            for (index, name) in names.enumerated() {
                records.append(sims.fulcrumRecord(id: "f-\(index)", values: ["first_name": "Ada", "email": "p\(index)@example.com"]))
                contacts.append(sims.ghlContact(id: "Ghl\(index)", fields: ["firstName": name.value, "email": "p\(index)@example.com"]))
                contacts.append(sims.ghlContact(id: "GhlBad\(index)", fields: ["firstName": "x", "email": "\(name.value)@bad"]))
            }
            await sims.cluster.fulcrum.store.seed(records: records)
            await sims.cluster.ghl.store.seed(contacts: contacts)
            let store = try SQLiteStateStore(path: directory.appendingPathComponent("state.sqlite").path)
            let report = try await ReconcileJob(
                config: sims.config, store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway,
                options: ReconcileOptions(policyOverride: .manual)
            ).run()
            try store.close()
            return World(sims: sims, directory: directory, report: report)
        }

        func stop() async {
            await sims.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Every line of `text` is free of control characters, and no hostile value started a line of its own.
    static func checkSafe(_ text: String, printer: String, mustShow: Bool = true) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bad = line.unicodeScalars.first { TextEscaping.needsEscape($0) }
            #expect(bad == nil, "\(printer) printed U+\(String(bad?.value ?? 0, radix: 16)) raw in: \(line.debugDescription)")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(!trimmed.hasPrefix("delete GHL contact c-forged") && !trimmed.hasPrefix("update Fulcrum record f-forged"),
                    "\(printer) printed a forged line: \(line)")
        }
        if mustShow {
            for name in names { #expect(text.contains(TextEscaping.escape(name.value)), "\(printer) lost \(name.label)") }
        }
    }

    @Test func theReconcileSummaryEscapesEveryHostileName() async throws {
        let world = try await World.start()
        defer { Task { await world.stop() } }
        #expect(world.report.conflicts.count == Self.names.count)
        Self.checkSafe(RunSummary(report: world.report).text(), printer: "summary", mustShow: false)
    }

    @Test func theMarkdownReportEscapesEveryHostileName() async throws {
        let world = try await World.start()
        defer { Task { await world.stop() } }
        let markdown = MarkdownReport.render(world.report)
        Self.checkSafe(markdown, printer: "markdown", mustShow: false)
    }

    @Test func theConflictsListEscapesEveryHostileName() async throws {
        let world = try await World.start()
        defer { Task { await world.stop() } }
        let entries = try await ConflictsJob(statePath: world.statePath).run()
        #expect(entries.count == Self.names.count)
        Self.checkSafe(ConflictsJob.text(entries), printer: "conflicts")
    }

    @Test func theStatusEscapesEveryHostileName() async throws {
        let world = try await World.start()
        defer { Task { await world.stop() } }
        let status = try await StatusJob(statePath: world.statePath).run()
        Self.checkSafe(status.text, printer: "status", mustShow: false)
    }
}
