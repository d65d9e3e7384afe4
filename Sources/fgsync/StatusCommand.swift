import ArgumentParser
import Foundation
import SyncReports

/// `fgsync status`: where the sync stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs, failed operations waiting for retry, held items, cursors and safety rails.",
        discussion: "Reads the state file without modifying it. Exit 0 shown; 2 no state file or one from a newer fgsync.")

    @OptionGroup var stateOptions: StateOptions
    @Option(help: "How many runs to list.") var runs = 10
    @Flag(help: "Print JSON for tools.") var json = false

    func run() async throws {
        do {
            let status = try await StatusJob(statePath: try stateOptions.statePath(), runs: runs).run()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(status) + Data("\n".utf8))
            } else {
                Console.out(status.text)
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("fgsync status: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
