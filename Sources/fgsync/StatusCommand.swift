import ArgumentParser
import Foundation
import SyncCore
import SyncReports

/// `fgsync status`: where the sync stands.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs, failed operations waiting for retry, held items, cursors and safety rails.",
        discussion: """
            Reads the state file without modifying it. For a config with a syncs: list, shows every sync's health in \
            one table (--sync NAME shows one sync in full). Exit 0 shown; 2 no state file or one from a newer fgsync.
            """)

    @OptionGroup var stateOptions: StateOptions
    @Option(help: "How many runs to list.") var runs = 10
    @Flag(help: "Print JSON for tools.") var json = false

    func run() async throws {
        do {
            let targets = try stateOptions.targets()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if targets.count == 1, let target = targets.first {
                let status = try await StatusJob(state: target.state, runs: runs).run()
                if json {
                    FileHandle.standardOutput.write(try encoder.encode(status) + Data("\n".utf8))
                } else {
                    Console.out(status.text)
                }
                return
            }
            let table = await SyncsStatusJob(targets: targets, runs: runs).run()
            if json {
                FileHandle.standardOutput.write(try encoder.encode(table) + Data("\n".utf8))
            } else {
                Console.out(table.text)
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("fgsync status: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
