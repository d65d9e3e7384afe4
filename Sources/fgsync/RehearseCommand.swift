import ArgumentParser
import Demo
import Foundation
import SyncCore

/// `fgsync rehearse`: the first run, on copies of both systems, with the end state it leaves.
struct RehearseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Copy both systems read-only into local simulators, run the real reconcile there, and show what it would do and leave.",
        discussion: """
            Only GETs and searches reach the real APIs; the real state file is copied, never written. Shows the \
            report of the first real run, people per side, links made, held items and why, conflicts and who \
            would win, and 20 people before and after. Exit 0 shown, 2 usage or config error, 4 auth.
            """)

    @OptionGroup var stateOptions: StateOptions
    @Option(help: "Write the rehearsed run's report (JSON) here.") var reportDir: String?
    @Flag(help: "Print JSON for tools.") var json = false

    func validate() throws {
        if stateOptions.config == nil { throw ValidationError("give --config CONFIG") }
    }

    func run() async throws {
        do {
            let target = try stateOptions.target()
            var job = RehearseJob(configPath: stateOptions.config ?? "", sync: target.sync, statePath: target.statePath)
            job.reportDirectory = reportDir.map { URL(fileURLWithPath: $0) }
            let rehearsal = try await job.run { line in Console.error(line) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(rehearsal) + Data("\n".utf8))
            } else {
                Console.out(rehearsal.text)
            }
        } catch {
            Console.error("fgsync rehearse: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
