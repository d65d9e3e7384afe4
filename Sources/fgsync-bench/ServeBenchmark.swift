import ArgumentParser
import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Logging
import Simulators
import SyncCore
import SyncEngine
import SyncServer

/// `fgsync-bench serve`: one `fgsync serve` for `--syncs` syncs, each its own simulated GHL
/// location and Fulcrum form with `--pairs` linked pairs, over loopback.
///
/// 1. Memory per idle sync: resident memory after serve started on every sync, less before,
///    over the syncs (serve's stores, runners, workers; the simulators were already running).
/// 2. Change applied: `--samples` GHL edits, one at a time, each in the next location in turn,
///    from the edit to the value written in that location's Fulcrum form (its webhook, serve's
///    routing, the sync's delta pass): p50, p99, max across locations.
///
/// Limits are lifted in the simulators (the first reconciles would otherwise wait on them).
struct ServeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "One fgsync serve for many syncs: change-applied latency across locations, memory per idle sync.")

    @Option(help: "Syncs (simulated locations and forms).") var syncs = 10
    @Option(help: "Linked pairs per sync.") var pairs = 1_000
    @Option(help: "Edits timed, spread over the locations in turn.") var samples = 50
    @Flag(help: "Print one JSON object of the figures instead of text.") var json = false

    func run() async throws {
        let figures = BenchFigures(quiet: json)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let setupStart = ContinuousClock.now
        var clusters: [LiveSimulators] = []
        var environment = ["FGSYNC_FULCRUM_WEBHOOK_SECRET": "bench-secret-0123456789abcdef"]
        var yaml = "syncs:\n"
        for index in 0..<syncs {
            var options = SimulatorOptions()
            options.ghl.burstLimit = 100_000_000
            options.ghl.dailyLimit = 100_000_000
            options.fulcrum.hourlyLimit = 100_000_000
            options.ghl.locationId = "benchLocation\(index)"
            options.fulcrum.formId = String(format: "%08d-5b1d-4c8e-9a7f-0d2e1b3c4a5f", index)
            let sims = try await LiveSimulators.start(options: options)
            clusters.append(sims)
            try await DeltaBenchmark.seedLinked(sims, pairs: pairs)
            environment["FULCRUM_TOKEN_\(index)"] = sims.summary.fulcrum.token
            environment["GHL_TOKEN_\(index)"] = sims.summary.ghl.token
            let entry = sims.summary.fgsyncConfigYAML()
                .replacingOccurrences(of: "token_env: FULCRUM_TOKEN\n", with: "token_env: FULCRUM_TOKEN_\(index)\n")
                .replacingOccurrences(of: "token_env: GHL_TOKEN\n", with: "token_env: GHL_TOKEN_\(index)\n")
            yaml += "  - name: s\(index)\n" + entry.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") + "\n"
        }
        defer { for sims in clusters { Task { await sims.stop() } } }
        let configPath = directory.appendingPathComponent("fgsync.yml").path
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        let set = try SyncSet.load(contentsOf: URL(fileURLWithPath: configPath))
        for entry in set.entries {
            var first = ReconcileRun(
                configPath: configPath, sync: entry.name, statePath: set.statePath(for: entry.name, configPath: configPath, stateOption: nil),
                options: ReconcileOptions())
            first.environment = environment
            let report = try await first.run { _ in }
            guard report.outcome == "ok" else { throw ValidationError("the first reconcile of \(entry.name) ended \(report.outcome)") }
        }
        let setup = ContinuousClock.now - setupStart
        figures.say("setup: \(syncs) syncs of \(pairs) linked pairs seeded and reconciled in \(ReconcileBenchmark.seconds(setup)) s")

        // As in `delta`: the day's edits come well after the nightly reconcile.
        for sims in clusters { sims.cluster.clock.advance(millis: 600_000) }
        let clock = clusters[0].cluster.clock
        let before = Self.residentMegabytes()
        let serve = try await DeltaBenchmark.startServe(configPath: configPath, statePath: nil, environment: environment, clock: clock)
        defer { Task { await serve.stop() } }
        let after = Self.residentMegabytes()
        for sims in clusters {
            sims.cluster.ghl.addWebhookTarget(serve.url + "/webhooks/ghl")
            _ = try await sims.fulcrumClient.createWebhook(name: "bench", url: serve.url + "/webhooks/fulcrum/" + environment["FGSYNC_FULCRUM_WEBHOOK_SECRET"]!)
        }
        let perSync = before.flatMap { before in after.map { ($0 - before) / Double(syncs) } }
        figures.say("memory per idle sync: \(perSync.map { String(format: "%.2f MB", $0) } ?? "not measured (no /proc/self/statm)")")

        var applied: [Duration] = []
        for sample in 0..<samples {
            let sims = clusters[sample % syncs]
            let index = (sample * 7_919) % pairs
            let value = "Serve edit \(sample)"
            let companyKey = sims.formKeys["company_name"] ?? ""
            let start = ContinuousClock.now
            _ = try await sims.ghlClient.updateContact(
                id: "benchC\(index)", json: try JSONSerialization.data(withJSONObject: ["companyName": value]))
            try await DeltaBenchmark.waitFor {
                await sims.cluster.fulcrum.store.record(id: "bench-f-\(index)")?.formValues[companyKey]?.stringValue == value
            }
            applied.append(ContinuousClock.now - start)
        }
        figures.say("change applied, GHL edit -> Fulcrum write in its own location's form (\(samples) edits over \(syncs) locations): \(DeltaBenchmark.percentiles(applied))")
        let sorted = applied.sorted()
        func at(_ share: Double) -> Double {
            ReconcileBenchmark.rounded(
                ReconcileBenchmark.secondsValue(sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * share).rounded(.up)))]) * 1_000, 1)
        }
        figures["syncs"] = syncs
        figures["pairs_per_sync"] = pairs
        figures["samples"] = samples
        figures["setup_s"] = ReconcileBenchmark.rounded(ReconcileBenchmark.secondsValue(setup), 3)
        figures["applied_p50_ms"] = sorted.isEmpty ? BenchFigures.Unmeasured() : at(0.5)
        figures["applied_p99_ms"] = sorted.isEmpty ? BenchFigures.Unmeasured() : at(0.99)
        figures["applied_max_ms"] = sorted.isEmpty ? BenchFigures.Unmeasured() : at(1)
        figures["memory_per_idle_sync_mb"] = perSync.map { ReconcileBenchmark.rounded($0, 3) } ?? BenchFigures.Unmeasured()
        figures["peak_rss_mb"] = Int(PeakMemory.megabytes)
        if json { print(try figures.json()) }
    }

    /// The process's resident memory now, from `/proc/self/statm` (Linux); `nil` elsewhere.
    static func residentMegabytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * 4_096 / 1_048_576
    }
}
