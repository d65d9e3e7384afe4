import ArgumentParser
import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore

/// `fgsync-bench reconcile`: live reconciles against the simulators over loopback HTTP.
///
/// 1. A first sync of `--contacts` people per side (half of them on both sides), with the GHL
///    rate limit lifted so the engine, not the limit, is measured: wall time and peak memory.
/// 2. A steady-state run after `--changed` of the pairs changed on each side: requests sent
///    versus the ideal (list pages plus one write per real change).
/// 3. Pacing: a first sync whose writes go through a GHL limit of `--burst` per
///    `--window-ms`: the share of the allowed rate kept busy, and how many requests got 429.
///
/// With `--real-limits`, steps 1 and 2 give way to a no-change reconcile of `--contacts` linked
/// pairs under the simulators' real (default) limits, timed against the floor those limits set
/// (`RateFloor`). With `--json`, one JSON object replaces the text.
struct ReconcileBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Reconcile against the simulators: wall time, memory, request ratio, pacing.")

    @Option(help: "People per side for the first sync.") var contacts = 10_000
    @Option(help: "Fraction of pairs changed on each side before the steady-state run.") var changed = 0.01
    @Option(help: "GHL burst limit for the pacing run.") var burst = 100
    @Option(name: .customLong("window-ms"), help: "GHL burst window for the pacing run, in ms.") var windowMs = 1_000
    @Option(name: .customLong("pacing-writes"), help: "GHL creates in the pacing run.") var pacingWrites = 600
    @Flag(help: "Print one JSON object instead of text.") var json = false
    @Flag(name: .customLong("real-limits"), help: "Time a no-change reconcile of --contacts linked pairs under the simulators' real limits against their floor (instead of the first sync and steady-state runs).")
    var realLimits = false

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let figures = BenchFigures(quiet: json)
        figures["contacts"] = contacts
        figures["mode"] = realLimits ? "real-limits" : "default"
        if realLimits {
            try await noChange(directory: directory, figures: figures)
        } else {
            try await scale(directory: directory, figures: figures)
        }
        try await pacing(directory: directory, figures: figures)
        figures["peak_rss_mb"] = Self.rounded(Self.peakMegabytes(), 1)
        if json { print(try figures.json()) }
    }

    private func scale(directory: URL, figures: BenchFigures) async throws {
        var options = SimulatorOptions()
        options.ghl.burstLimit = 1_000_000
        options.ghl.dailyLimit = 10_000_000
        options.fulcrum.hourlyLimit = 10_000_000
        let sims = try await LiveSimulators.start(options: options)
        defer { Task { await sims.stop() } }
        let half = contacts / 2
        await sims.cluster.fulcrum.store.seed(records: (0..<contacts).map { index in
            sims.fulcrumRecord(id: "bench-f-\(index)", values: Self.person(index, fulcrum: true))
        })
        await sims.cluster.ghl.store.seed(contacts: (half..<(contacts + half)).map { index in
            sims.ghlContact(fields: Self.ghlFields(Self.person(index, fulcrum: false)))
        })
        let store = try SQLiteStateStore(path: directory.appendingPathComponent("scale.sqlite").path)
        let job = ReconcileJob(config: Self.contactsOnly(sims.config), store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway)
        let start = ContinuousClock.now
        let first = try await job.run()
        let firstTime = ContinuousClock.now - start
        figures.say("first sync of \(contacts) Fulcrum records and \(contacts) GHL contacts (\(contacts - half) on both sides): \(first.outcome)")
        figures.say("  wall \(Self.seconds(firstTime)) s, peak RSS \(Int(Self.peakMegabytes())) MB (simulators included, same process)")
        figures.say("  applied: \(first.applied)")
        figures["first_sync_wall_s"] = Self.rounded(Self.secondsValue(firstTime), 3)

        // Steady state: change a fraction of the pairs on each side through the APIs.
        let records = await sims.cluster.fulcrum.store.allRecords().sorted { $0.id < $1.id }
        let contactsNow = await sims.cluster.ghl.store.allContacts().sorted { $0.id < $1.id }
        let edits = max(1, Int(Double(records.count) * changed))
        let phoneKey = sims.formKeys["company_name"] ?? ""
        for record in records.prefix(edits) {
            let body = try JSONSerialization.data(withJSONObject: ["form_values": [phoneKey: "Changed in Fulcrum \(record.id)"]])
            _ = try await sims.fulcrumClient.patchRecord(id: record.id, json: body)
        }
        for contact in contactsNow.suffix(edits) {
            _ = try await sims.ghlClient.updateContact(id: contact.id, json: try JSONSerialization.data(withJSONObject: ["lastName": "Changed-\(contact.id)"]))
        }
        let before = Self.requestTotals(sims)
        let limitedBefore = Self.limitedTotals(sims)
        let steadyStart = ContinuousClock.now
        let steady = try await job.run()
        let steadyTime = ContinuousClock.now - steadyStart
        let after = Self.requestTotals(sims)
        let pages = (after.fulcrumLists - before.fulcrumLists) + (after.ghlLists - before.ghlLists)
        let sent = (after.total - before.total)
        let writes = sent - pages - (after.other - before.other)
        let ideal = pages + 2 * edits
        let limited = Self.limitedTotals(sims) - limitedBefore
        // The limits this run had (lifted, to measure the engine): its floor is next to nothing.
        let floor = RateFloor(
            options: options, fulcrumRequests: after.fulcrumLists - before.fulcrumLists + edits,
            ghlRequests: after.ghlLists - before.ghlLists + edits)
        figures.record(run: "steady-state", requests: sent, ideal: ideal, limited: limited, wall: Self.secondsValue(steadyTime), floor: floor)
        figures.say("steady-state run after \(edits) changes on each side: \(steady.outcome), wall \(Self.seconds(steadyTime)) s")
        figures.say("  requests \(sent) = \(pages) list pages + \(writes) writes + \(after.other - before.other) other; ideal \(ideal) (pages + one write per change); ratio \(String(format: "%.3f", Double(sent) / Double(ideal)))")
    }

    private func pacing(directory: URL, figures: BenchFigures) async throws {
        var options = SimulatorOptions()
        options.ghl.burstLimit = burst
        options.ghl.burstWindowMillis = Int64(windowMs)
        options.fulcrum.hourlyLimit = 10_000_000
        let sims = try await LiveSimulators.start(options: options)
        defer { Task { await sims.stop() } }
        await sims.cluster.fulcrum.store.seed(records: (0..<pacingWrites).map { index in
            sims.fulcrumRecord(id: "pace-f-\(index)", values: Self.person(index, fulcrum: true))
        })
        let store = try SQLiteStateStore(path: directory.appendingPathComponent("pacing.sqlite").path)
        let start = ContinuousClock.now
        let report = try await ReconcileJob(config: Self.contactsOnly(sims.config), store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway).run()
        let wall = ContinuousClock.now - start
        let stats = sims.cluster.ghl.statsSnapshot()
        let total = stats["total"]?.intValue ?? 0
        let limited = stats["byStatus"]?["429"]?.intValue ?? 0
        let allowed = Double(burst) * 1000 / Double(windowMs)
        let rate = Double(total) / Self.secondsValue(wall)
        figures["busy_share_of_allowed_rate"] = Self.rounded(rate / allowed, 3)
        figures["apply_share_429"] = Self.rounded(Double(limited) / Double(max(total, 1)), 4)
        figures["apply_requests"] = total
        figures["apply_wall_s"] = Self.rounded(Self.secondsValue(wall), 3)
        figures.say("pacing: \(pacingWrites) GHL creates under a limit of \(burst) per \(windowMs) ms: \(report.outcome)")
        figures.say("  \(total) GHL requests in \(Self.seconds(wall)) s = \(String(format: "%.1f", rate))/s of \(String(format: "%.0f", allowed))/s allowed (\(String(format: "%.1f", 100 * rate / allowed))% busy); 429 answers: \(limited) (\(String(format: "%.2f", 100 * Double(limited) / Double(max(total, 1))))%)")
    }

    static func person(_ index: Int, fulcrum: Bool) -> [String: String] {
        let phone = "+1628\(String(format: "%07d", 2_000_000 + index))"
        return ["first_name": "Person\(index)", "last_name": "Bench", "email": "person\(index)@bench.example",
                "phone": fulcrum ? "(\(phone.dropFirst(2).prefix(3))) \(phone.dropFirst(5).prefix(3))-\(phone.suffix(4))" : phone,
                "company_name": "Company \(index % 97)"]
    }

    static func ghlFields(_ values: [String: String]) -> [String: String] {
        ["firstName": values["first_name"] ?? "", "lastName": values["last_name"] ?? "", "email": values["email"] ?? "",
         "phone": values["phone"] ?? "", "companyName": values["company_name"] ?? ""]
    }

    static func requestTotals(_ sims: LiveSimulators) -> (total: Int, fulcrumLists: Int, ghlLists: Int, other: Int, fulcrum: Int, ghl: Int) {
        let fulcrum = sims.cluster.fulcrum.statsSnapshot()["byRoute"]?.objectValue ?? [:]
        let ghl = sims.cluster.ghl.statsSnapshot()["byRoute"]?.objectValue ?? [:]
        let all = fulcrum.merging(ghl) { $0 == $1 ? $0 : .int(($0.intValue ?? 0) + ($1.intValue ?? 0)) }
        let total = all.values.reduce(0) { $0 + ($1.intValue ?? 0) }
        let fulcrumLists = fulcrum.filter { $0.key.hasPrefix("GET /api/v2/records") && !$0.key.contains("{id}") }.values.reduce(0) { $0 + ($1.intValue ?? 0) }
        let ghlLists = ghl["POST /contacts/search"]?.intValue ?? 0
        let other = all.filter { $0.key.contains("forms") || $0.key.contains("customFields") }.values.reduce(0) { $0 + ($1.intValue ?? 0) }
        let fulcrumTotal = fulcrum.values.reduce(0) { $0 + ($1.intValue ?? 0) }
        let ghlTotal = ghl.values.reduce(0) { $0 + ($1.intValue ?? 0) }
        return (total, fulcrumLists, ghlLists, other, fulcrumTotal, ghlTotal)
    }

    /// 429 answers of both simulators so far.
    static func limitedTotals(_ sims: LiveSimulators) -> Int {
        [sims.cluster.fulcrum.statsSnapshot(), sims.cluster.ghl.statsSnapshot()]
            .reduce(0) { $0 + ($1["byStatus"]?["429"]?.intValue ?? 0) }
    }

    static func rounded(_ value: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    /// The simulators' config without `children:`: this benchmark measures contacts (see `children`).
    static func contactsOnly(_ config: MappingConfig) -> MappingConfig {
        var config = config
        config.children = ChildrenConfig()
        return config
    }

    static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.2f", secondsValue(duration)) }

    static func peakMegabytes() -> Double { PeakMemory.megabytes }
}
