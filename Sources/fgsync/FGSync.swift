import ArgumentParser
import Foundation
import Logging

/// Entry point: log lines go to standard error at `FGSYNC_LOG_LEVEL` (default `warning`), so
/// standard output carries only what a command prints for people or tools.
@main
enum Main {
    static func main() async {
        let level = ProcessInfo.processInfo.environment["FGSYNC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        await FGSync.main()
    }
}

/// The fgsync command line: parses arguments and calls the library, nothing more.
struct FGSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgsync",
        abstract: "Keep a Fulcrum form and a GoHighLevel location's contacts in sync, both ways.",
        discussion: "Exit codes: 0 done, 1 some operations failed, 2 usage or config error, 3 a safety rail tripped, 4 auth error.",
        subcommands: [PlanCommand.self, ReconcileCommand.self, DemoCommand.self, AuthCommand.self, SimulateCommand.self]
    )
}
