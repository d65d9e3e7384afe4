import Foundation
import SyncCore

/// `fgsync reconcile` / `fgsync sync` over several syncs of one config, one after another. Each
/// sync keeps its own state file, lock, tokens and reports; one sync's failure, tripped rail or
/// refused token is its own outcome and never stops the syncs after it.
public struct SyncsRun: Sendable {
    /// The config holding the `syncs:` list.
    public var configPath: String
    /// The syncs to run, in order.
    public var targets: [SyncTarget]
    /// Options for every sync's run; a report folder gets one subfolder per sync.
    public var options: ReconcileOptions
    /// How long each sync waits for another run holding its state file.
    public var lockPatience: Duration = .zero
    /// Where the token variables are read.
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Creates the runs.
    public init(configPath: String, targets: [SyncTarget], options: ReconcileOptions) {
        self.configPath = configPath
        self.targets = targets
        self.options = options
    }

    /// One sync's outcome: its report, or why it stopped before it had one.
    public struct Outcome: Sendable {
        /// The sync.
        public var target: SyncTarget
        /// The run's report, when the run got that far.
        public var report: RunReport?
        /// Why the run stopped without a report (never holds a token).
        public var error: String?
        /// The exit status this sync alone would have given.
        public var exitCode: Int32
    }

    /// Runs every sync in turn; `log` receives each sync's progress lines.
    public func run(log: @escaping @Sendable (SyncTarget, String) -> Void) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for target in targets {
            var options = options
            options.reportDirectory = options.reportDirectory?.appendingPathComponent(target.name, isDirectory: true)
            var run = ReconcileRun(configPath: configPath, sync: target.sync, statePath: target.statePath, state: target.state, options: options)
            run.lockPatience = lockPatience
            run.environment = environment
            do {
                let report = try await run.run { line in log(target, line) }
                outcomes.append(Outcome(target: target, report: report, error: nil, exitCode: report.exitCode))
            } catch {
                outcomes.append(Outcome(target: target, report: nil, error: "\(error)", exitCode: ExitStatus.code(for: error)))
            }
        }
        return outcomes
    }

    /// The process exit status of several syncs: the most severe of theirs (5 a location that
    /// uninstalled the GHL app, 4 auth, 3 a rail tripped, 2 usage or config, 1 failed
    /// operations, 0 all done).
    public static func exitCode(_ outcomes: [Outcome]) -> Int32 {
        outcomes.map(\.exitCode).max() ?? 0
    }
}
