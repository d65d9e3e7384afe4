import ArgumentParser
import Foundation
import SyncReports

/// `fgsync conflicts`: the conflicts waiting for a person.
struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the open conflicts (fields under the manual policy) with both values.",
        discussion: "Decide one with `fgsync resolve ID --take fulcrum|ghl|base` or `--value V`. Reads the state file without modifying it.")

    @OptionGroup var stateOptions: StateOptions
    @Flag(help: "Print JSON for tools.") var json = false

    func run() async throws {
        do {
            let entries = try await ConflictsJob(statePath: try stateOptions.statePath()).run()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(entries) + Data("\n".utf8))
            } else {
                Console.out(ConflictsJob.text(entries))
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("fgsync conflicts: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
