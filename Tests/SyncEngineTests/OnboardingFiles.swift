import Demo
import Foundation
import FulcrumAPI
import Simulators
import SyncEngine
import SyncStore

/// The onboarding commands as a user runs them against a harness's simulators: a config file
/// beside the state file, tokens (and serve's secret) in an environment, never in the file.
struct OnboardingFiles {
    static let secret = "onboarding-secret-0123456789"

    let sims: LiveSimulators
    let directory: URL
    let configPath: String
    let statePath: String
    let environment: [String: String]

    /// Writes `yaml` (the `fgsync simulate --write-config` config by default) into the harness's folder.
    init(_ harness: LiveHarness, yaml: String? = nil, environment overrides: [String: String] = [:]) throws {
        try self.init(sims: harness.sims, directory: harness.directory, statePath: harness.statePath, yaml: yaml, environment: overrides)
    }

    init(sims: LiveSimulators, directory: URL, statePath: String, yaml: String? = nil, environment overrides: [String: String] = [:]) throws {
        self.sims = sims
        self.directory = directory
        configPath = directory.appendingPathComponent("fgsync.yml").path
        self.statePath = statePath
        try Data((yaml ?? sims.summary.fgsyncConfigYAML()).utf8).write(to: URL(fileURLWithPath: configPath))
        environment = [
            "FULCRUM_TOKEN": sims.summary.fulcrum.token, "GHL_TOKEN": sims.summary.ghl.token,
            "FGSYNC_FULCRUM_WEBHOOK_SECRET": Self.secret,
        ].merging(overrides) { $1 }
    }

    /// Simulators whose data the simulate config does not fit (a field or link field missing,
    /// which `LiveHarness` cannot start on), with the files in a temp folder; always stopped.
    static func run(options: SimulatorOptions, _ body: (OnboardingFiles) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-onboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sims = try await LiveSimulators.start(options: options, clientOptions: LiveHarness.clientOptions())
        do {
            try await body(try OnboardingFiles(sims: sims, directory: directory, statePath: directory.appendingPathComponent("state.sqlite").path))
        } catch {
            await sims.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        await sims.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every route either simulator answered (`GET /contacts/:contactId`, ...), control routes left out.
    func routes() -> [String] {
        [sims.cluster.fulcrum.statsSnapshot(), sims.cluster.ghl.statsSnapshot()]
            .flatMap { ($0["byRoute"]?.objectValue ?? [:]).keys }.filter { !$0.contains("/_sim/") }.sorted()
    }

    /// `fgsync doctor` on these files, at `now`.
    func doctor(now: Date = Date()) async -> DoctorReport {
        var job = DoctorJob(configPath: configPath, statePath: statePath)
        job.environment = environment
        job.clientOptions = LiveHarness.clientOptions()
        job.now = { now }
        return await job.run()
    }

    /// `fgsync reconcile` on these files.
    func reconcile() async throws -> RunReport {
        var run = ReconcileRun(configPath: configPath, statePath: statePath, options: ReconcileOptions())
        run.environment = environment
        run.clientOptions = LiveHarness.clientOptions()
        return try await run.run { _ in }
    }
}

extension DoctorReport {
    /// The findings that are not ok, for failure messages.
    var problems: String {
        findings.filter { $0.status != .ok }.map { "\($0.status.rawValue) \($0.check): \($0.detail)" }.joined(separator: "\n")
    }
}
