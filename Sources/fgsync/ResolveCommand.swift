import ArgumentParser
import Foundation
import SyncCore
import SyncReports

/// `fgsync resolve`: record a person's decision on an open conflict.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Decide an open conflict: the next run writes the decided value to both systems.",
        discussion: """
            ID comes from `fgsync conflicts`. --take fulcrum or ghl keeps that system's value, --take base goes \
            back to the last agreed value; --value V uses V (an empty V clears the field). The next run \
            reports the conflict with the rule manual-decision. Exit 0 recorded; 2 unknown or already resolved conflict.
            """)

    enum Take: String, ExpressibleByArgument, CaseIterable { case fulcrum, ghl, base }

    @Argument(help: "The conflict id (from `fgsync conflicts`).") var id: Int64
    @Option(help: "Keep this side's value: fulcrum, ghl or base.") var take: Take?
    @Option(help: "Use this value instead.") var value: String?
    @OptionGroup var stateOptions: StateOptions

    func validate() throws {
        guard (take != nil) != (value != nil) else { throw ValidationError("give exactly one of --take fulcrum|ghl|base or --value V") }
    }

    func run() async throws {
        let choice: ConflictDecision.Choice
        switch take {
        case .fulcrum: choice = .fulcrum
        case .ghl: choice = .ghl
        case .base: choice = .base
        case nil: choice = ResolveJob.choice(typed: value ?? "")
        }
        do {
            Console.out(try await ResolveJob(state: try stateOptions.target().state, conflictId: id, choice: choice).run())
        } catch let error as ValidationError {
            throw error
        } catch {
            Console.error("fgsync resolve: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
