import ArgumentParser

/// The fgsync command line.
@main
struct FGSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgsync",
        abstract: "Two-way sync between Fulcrum and GoHighLevel.",
        subcommands: [SimulateCommand.self]
    )
}
