import ArgumentParser

/// The fgsync command line: parses arguments and calls the library, nothing more.
@main
struct FGSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgsync",
        abstract: "Keep a Fulcrum form and a GoHighLevel location's contacts in sync, both ways.",
        discussion: "Exit codes: 0 done, 1 some operations failed, 2 usage or config error, 3 a safety rail tripped, 4 auth error.",
        subcommands: [PlanCommand.self, SimulateCommand.self]
    )
}
