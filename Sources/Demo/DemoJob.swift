import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncReports
import SyncStore

/// `fgsync demo`: the one-command tour. Starts both simulators in-process with a realistic
/// seed, runs a first reconcile (matching by email and by phone in different formats, creates
/// both ways), makes edits on both sides (some conflicting, deletes, tags), reconciles again,
/// summarises both runs, and ends with `fgsync serve` carrying a live edit each way by webhook.
public struct DemoJob: Sendable {
    /// Where the reports and the state file go.
    public var directory: URL
    /// People in the cast (Fulcrum holds the first ~73%, GHL the last ~73%; the middle overlaps).
    public var people: Int

    /// Creates a demo.
    public init(directory: URL, people: Int = 300) {
        self.directory = directory
        self.people = people
    }

    /// Runs the tour, printing as it goes; returns the two reports.
    public func run(print: @escaping @Sendable (String) -> Void) async throws -> [RunReport] {
        var options = SimulatorOptions()
        // The demo is a tour, not a rate-limit test: a roomy burst window keeps it quick.
        options.ghl.burstLimit = 5_000
        let sims = try await LiveSimulators.start(options: options)
        do {
            let reports = try await tour(sims, print: print)
            await sims.stop()
            return reports
        } catch {
            await sims.stop()
            throw error
        }
    }

    private func tour(_ sims: LiveSimulators, print: @escaping @Sendable (String) -> Void) async throws -> [RunReport] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let statePath = directory.appendingPathComponent("demo.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: statePath + suffix) }
        let seed = DemoSeed(sims: sims, people: people)
        await sims.cluster.fulcrum.store.seed(records: seed.fulcrumRecords())
        await sims.cluster.ghl.store.seed(contacts: seed.ghlContacts())
        print("fgsync demo: simulators on \(sims.summary.fulcrum.url) (Fulcrum) and \(sims.summary.ghl.url) (GHL)")
        print("  seeded \(seed.fulcrumRange.count) Fulcrum records and \(seed.ghlRange.count) GHL contacts; \(seed.overlap.count) people are in both, written differently (email case, phone formats)")
        let trail = try await seed.seedChildren()
        print("  and an activity trail: \(trail.text)")

        let store = try SQLiteStateStore(path: statePath)
        func reconcile(_ name: String) async throws -> RunReport {
            let reportDir = directory.appendingPathComponent(name)
            var options = ReconcileOptions(reportDirectory: reportDir)
            options.reportWriter = ReportFiles()
            let report = try await ReconcileJob(
                config: sims.config, store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway,
                options: options
            ).run()
            print("")
            print(RunSummary(report: report).text(reportDir: reportDir.path))
            return report
        }
        let first = try await reconcile("run-1-first-sync")
        print("")
        let edits = try await seed.editBothSides()
        print("fgsync demo: edited both sides through the APIs: \(edits)")
        print("  and the activity trail: \(try await seed.editChildren(appointments: trail.appointments))")
        let second = try await reconcile("run-2-after-edits")
        print("")
        try await DemoServeAct(sims: sims, directory: directory, statePath: statePath).run(print: print)
        return [first, second]
    }
}
