import ArgumentParser
import Foundation
import Logging
import SyncCore
import SyncEngine
import SyncReports

/// The options `reconcile` and `sync` share, and running either: the same run, reading
/// everything or only what changed.
struct RunOptions: ParsableArguments {
    @Option(help: "The fgsync YAML mapping.") var config: String
    @Option(help: "The state file (default: fgsync.sqlite beside the config); a folder of them for a config with a syncs: list.")
    var state: String?
    @Option(help: "The sync of a syncs: config to run (default: every sync, one after another).") var sync: String?
    @Flag(name: .customLong("dry-run"), help: "Fetch and plan, but write to neither system.") var dryRun = false
    @Flag(help: "Apply even when a safety rail trips.") var force = false
    @Option(name: .customLong("conflict-policy"), help: "Override every field's policy: newest, fulcrum, ghl or manual.")
    var conflictPolicy: String?
    @Option(name: .customLong("report-dir"), help: "Write report.json, conflicts.csv and report.html here.") var reportDir: String?
    @Flag(help: "Print only errors (for cron).") var quiet = false
    @Option(name: .customLong("log-level"), help: "Log level for standard error: trace, debug, info, notice, warning, error, critical (default: FGSYNC_LOG_LEVEL or warning).")
    var logLevel: Logger.Level?
    @Flag(help: "Print the run's report as JSON (schema fgsync.report/1) on standard output instead of the summary.") var json = false
    @Option(help: "Pairs applied at once (default 4); each pair's own writes stay in order.") var concurrency: Int?
    @Option(help: "Seconds to wait for another run on the same state file to finish before giving up (default 60).")
    var wait: Int = 60

    /// Runs `reconcile` (`delta` false) or `sync` (`delta` true) with these options.
    func run(command: String, delta: Bool) async throws {
        if let logLevel { LogLevel.set(logLevel) }
        var policy: ConflictPolicy?
        if let conflictPolicy {
            guard let parsed = ConflictPolicy(rawValue: conflictPolicy) else {
                throw ValidationError("--conflict-policy must be one of: newest, fulcrum, ghl, manual")
            }
            policy = parsed
        }
        var options = ReconcileOptions(dryRun: dryRun, force: force, policyOverride: policy, reportDirectory: reportDir.map(URL.init(fileURLWithPath:)))
        options.reportWriter = ReportFiles()
        options.delta = delta
        if let concurrency {
            guard concurrency >= 1 else { throw ValidationError("--concurrency must be 1 or more") }
            options.concurrency = concurrency
        }
        guard wait >= 0 else { throw ValidationError("--wait must be 0 or more seconds") }
        let targets: [SyncTarget]
        do {
            targets = try SyncTarget.select(configPath: config, stateOption: state, sync: sync)
        } catch {
            Console.error("fgsync \(command): \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
        guard targets.count == 1, let target = targets.first else {
            return try await runEach(targets, command: command, options: options)
        }
        let statePath = target.statePath
        var run = ReconcileRun(configPath: config, sync: target.sync, statePath: statePath, state: target.state, options: options)
        run.lockPatience = .seconds(wait)
        let progress = ProgressOutput(quiet: quiet || json)
        do {
            let report = try await run.run { line in progress.line(line) }
            progress.finish()
            if json {
                FileHandle.standardOutput.write(try report.json() + Data("\n".utf8))
            } else if !quiet {
                Console.out(RunSummary(report: report).text(reportDir: reportDir))
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress.finish()
            Console.error("fgsync \(command): \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
    }

    /// Runs every sync of a `syncs:` config in turn; one sync's failure never stops the next.
    private func runEach(_ targets: [SyncTarget], command: String, options: ReconcileOptions) async throws {
        var runs = SyncsRun(configPath: config, targets: targets, options: options)
        runs.lockPatience = .seconds(wait)
        let progress = ProgressOutput(quiet: quiet || json)
        let outcomes = await runs.run { target, line in progress.line("[\(target.name)] \(line)") }
        progress.finish()
        if json {
            FileHandle.standardOutput.write(try SyncsRun.json(outcomes) + Data("\n".utf8))
        }
        for outcome in outcomes {
            if let report = outcome.report {
                if !json && !quiet {
                    let folder = reportDir.map { URL(fileURLWithPath: $0).appendingPathComponent(outcome.target.name).path }
                    Console.out("== sync \(outcome.target.name) ==\n" + RunSummary(report: report).text(reportDir: folder))
                }
            } else {
                Console.error("fgsync \(command) [\(outcome.target.name)]: \(outcome.error ?? "stopped")")
            }
        }
        let code = SyncsRun.exitCode(outcomes)
        if code != 0 { throw ExitCode(code) }
    }
}
