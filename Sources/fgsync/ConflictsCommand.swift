import ArgumentParser
import Foundation
import SyncCore
import SyncEngine
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
            let targets = try stateOptions.targets()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if targets.count == 1, let target = targets.first {
                let entries = try await ConflictsJob(state: target.state).run()
                if json {
                    FileHandle.standardOutput.write(try encoder.encode(entries) + Data("\n".utf8))
                } else {
                    Console.out(ConflictsJob.text(entries))
                }
                return
            }
            // Every sync's conflicts, sync by sync; decide one with `fgsync resolve --sync NAME ID`.
            var perSync: [String: [ConflictsJob.Entry]] = [:]
            var text: [String] = []
            for target in targets {
                guard try await StateOpener().exists(target.state) else { continue }
                let entries = try await ConflictsJob(state: target.state).run()
                perSync[target.name] = entries
                text.append("== sync \(target.name) ==\n" + ConflictsJob.text(entries))
            }
            if json {
                FileHandle.standardOutput.write(try encoder.encode(perSync) + Data("\n".utf8))
            } else {
                Console.out(text.isEmpty ? "no sync has a state file yet" : text.joined(separator: "\n"))
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("fgsync conflicts: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
