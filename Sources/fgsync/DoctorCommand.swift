import ArgumentParser
import Foundation
import SyncCore
import SyncEngine

/// `fgsync doctor`: everything that would make a run fail or surprise, in one screen.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the config, tokens, scopes, link fields, rate limits, state file and webhooks before a run.",
        discussion: """
            Reads both systems (GETs and searches, plus write probes aimed at ids that do not exist, which change \
            nothing) and opens the state file read-only. Each finding is ok, warning or error, with its fix. \
            Exit 0 when nothing is an error, 1 otherwise.
            """)

    @OptionGroup var stateOptions: StateOptions
    @Flag(help: "Print JSON for tools.") var json = false

    func validate() throws {
        if stateOptions.config == nil { throw ValidationError("give --config CONFIG (fgsync init writes one)") }
    }

    func run() async throws {
        let targets: [SyncTarget]
        do {
            targets = try stateOptions.targets()
        } catch {
            Console.error("fgsync doctor: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
        var reports: [(name: String, report: DoctorReport)] = []
        for target in targets {
            let report = await DoctorJob(configPath: stateOptions.config ?? "", sync: target.sync, statePath: target.statePath, state: target.state).run()
            reports.append((target.name, report))
            if !json { Console.out((targets.count > 1 ? "== sync \(target.name) ==\n" : "") + report.text) }
        }
        if json {
            let data = targets.count == 1 ? try reports[0].report.json() : try DoctorReport.json(reports)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
        if !reports.allSatisfy(\.report.ok) { throw ExitCode(1) }
    }
}
