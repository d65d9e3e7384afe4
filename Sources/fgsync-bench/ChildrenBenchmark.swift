import ArgumentParser
import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore

/// `fgsync-bench children`: a first sync of `--pairs` people on both sides whose GHL contacts
/// hold `--notes` notes and `--tasks` tasks each, against the simulators over loopback.
///
/// Prints the requests sent against the ideal (each contact's children listed once per kind,
/// one write per real change: here one Fulcrum record write per pair carrying all its new
/// items, plus the two link writes of a first match), the GHL rate-limit floor (GHL requests at
/// 100 per 10 s), and the writes of a rerun with no change (zero).
struct ChildrenBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "children", abstract: "Children (notes, tasks) at scale: requests against the ideal and the GHL floor.")

    @Option(help: "Linked pairs.") var pairs = 1_000
    @Option(help: "GHL notes per contact.") var notes = 5
    @Option(help: "GHL tasks per contact.") var tasks = 2

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SimulatorOptions()
        options.ghl.burstLimit = 1_000_000
        options.ghl.dailyLimit = 10_000_000
        options.fulcrum.hourlyLimit = 10_000_000
        let sims = try await LiveSimulators.start(options: options)
        defer { Task { await sims.stop() } }
        await sims.cluster.fulcrum.store.seed(records: (0..<pairs).map { index in
            sims.fulcrumRecord(id: "bench-f-\(index)", values: ReconcileBenchmark.person(index, fulcrum: true))
        })
        await sims.cluster.ghl.store.seed(contacts: (0..<pairs).map { index in
            sims.ghlContact(id: "bench-c-\(index)", fields: ReconcileBenchmark.ghlFields(ReconcileBenchmark.person(index, fulcrum: false)))
        })
        for index in 0..<pairs {
            for note in 0..<notes {
                _ = try await sims.ghlClient.createNote(
                    contactId: "bench-c-\(index)", json: try JSONSerialization.data(withJSONObject: ["body": "Note \(note) of person \(index)"]))
            }
            for task in 0..<tasks {
                _ = try await sims.ghlClient.createTask(
                    contactId: "bench-c-\(index)",
                    json: try JSONSerialization.data(withJSONObject: ["title": "Task \(task)", "dueDate": "2026-12-0\(task + 1)T15:00:00Z", "completed": false]))
            }
        }
        let store = try SQLiteStateStore(path: directory.appendingPathComponent("children.sqlite").path)
        let job = ReconcileJob(config: sims.config, store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway)
        let kinds = sims.config.children.mappings.count
        for (name, idealWrites) in [("first sync", pairs * 3), ("rerun, no change (echo of our writes)", 0), ("second rerun, no change", 0)] {
            let before = Self.routes(sims)
            let start = ContinuousClock.now
            let report = try await job.run()
            let wall = ContinuousClock.now - start
            let sent = Self.routes(sims).merging(before) { $0 - $1 }.filter { $0.value > 0 }
            let total = sent.values.reduce(0, +)
            let listings = sent.filter { $0.key.hasPrefix("GET /contacts/:contactId/") }.values.reduce(0, +)
            let writes = sent.filter { !$0.key.hasPrefix("GET ") && $0.key != "POST /contacts/search" }.values.reduce(0, +)
            let pages = (sent["POST /contacts/search"] ?? 0) + (sent["GET /api/v2/records.json"] ?? 0) + (sent["GET /api/v2/records"] ?? 0)
            let reads = total - writes
            let ghlTotal = sent.filter { !$0.key.contains("/api/v2/") }.values.reduce(0, +)
            let ideal = listings + pages + idealWrites + (sent["GET /api/v2/forms/:id"] ?? 0) + (sent["GET /locations/:locationId/customFields"] ?? 0)
            print("\(name) of \(pairs) pairs with \(notes) notes and \(tasks) tasks each (\(kinds) kinds listed): \(report.outcome), wall \(ReconcileBenchmark.seconds(wall)) s")
            print("  requests \(total): \(listings) child listings, \(pages) list pages, \(reads - listings - pages) other reads, \(writes) writes; ideal \(ideal) (listings + pages + \(idealWrites) writes); ratio \(String(format: "%.3f", Double(total) / Double(max(ideal, 1))))")
            let floor = Double(ghlTotal) / Self.ghlPerSecond
            let fulcrumTotal = total - ghlTotal
            print("  GHL requests \(ghlTotal): floor at GHL's 100 per 10 s = \(String(format: "%.1f", floor)) s; wall / floor = \(String(format: "%.3f", ReconcileBenchmark.secondsValue(wall) / max(floor, 0.001))) (below 1: the simulators' limits are lifted, a real location cannot go faster than the floor)")
            print("  Fulcrum requests \(fulcrumTotal): floor at Fulcrum's 5,000 per hour (per user) = \(String(format: "%.1f", Double(fulcrumTotal) / Self.fulcrumPerSecond)) s")
            print("  applied: \(report.applied)")
        }
    }

    /// GHL's burst limit: 100 requests per 10 s per location (ghl.md §3).
    static let ghlPerSecond = 100.0 / 10
    /// Fulcrum's limit: 5,000 calls per hour per user.
    static let fulcrumPerSecond = 5_000.0 / 3_600

    /// Requests per route of both simulators.
    static func routes(_ sims: LiveSimulators) -> [String: Int] {
        let fulcrum = sims.cluster.fulcrum.statsSnapshot()["byRoute"]?.objectValue ?? [:]
        let ghl = sims.cluster.ghl.statsSnapshot()["byRoute"]?.objectValue ?? [:]
        return fulcrum.merging(ghl) { a, _ in a }.compactMapValues(\.intValue)
    }
}
