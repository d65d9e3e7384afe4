import ArgumentParser
import Demo
import Foundation
import SyncEngine

/// `fgsync demo`: the one-command tour on local simulators.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start both simulators in-process with realistic data, reconcile, edit both sides, reconcile again.",
        discussion: "Needs no configuration and no network beyond loopback. Reports go to --report-dir.")

    @Option(name: .customLong("report-dir"), help: "Where the state file and the runs' reports go.")
    var reportDir = "fgsync-demo"
    @Option(help: "How many people the demo data has.") var people = 300

    func run() async throws {
        do {
            let reports = try await DemoJob(directory: URL(fileURLWithPath: reportDir), people: people).run { Console.out($0) }
            if let failed = reports.first(where: { $0.exitCode != 0 }) { throw ExitCode(failed.exitCode) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("fgsync demo: \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
    }
}
