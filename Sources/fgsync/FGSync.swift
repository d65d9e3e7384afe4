import ArgumentParser
import Foundation
import Logging
import SyncEngine
import Synchronization

/// Entry point: log lines go to standard error at `FGSYNC_LOG_LEVEL` (default `warning`), so
/// standard output carries only what a command prints for people or tools.
@main
enum Main {
    static func main() async {
        ProcessMemory.limitArenas()
        let level = ProcessInfo.processInfo.environment["FGSYNC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LogLevel.current.withLock { $0 = level }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = LogLevel.current.withLock { $0 }
            return handler
        }
        await CommandExit.main(FGSync.self)
    }
}

/// The fgsync command line: parses arguments and calls the library, nothing more.
struct FGSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgsync",
        abstract: "Keep a Fulcrum form and a GoHighLevel location's contacts in sync, both ways.",
        discussion: "Exit codes: 0 done, 1 some operations failed, 2 usage or config error, 3 a safety rail tripped, 4 auth error.",
        subcommands: [
            InitCommand.self, DoctorCommand.self, RehearseCommand.self,
            PlanCommand.self, ReconcileCommand.self, SyncCommand.self, ServeCommand.self, StatusCommand.self, ReportCommand.self, ConflictsCommand.self,
            ResolveCommand.self, DemoCommand.self, AuthCommand.self, SimulateCommand.self, MigrateStateCommand.self,
        ]
    )
}

/// The level of loggers made from now on: `FGSYNC_LOG_LEVEL`, or a command's `--log-level`
/// (set before the command creates its clients, whose loggers then use it).
enum LogLevel {
    static let current = Mutex<Logger.Level>(.warning)

    /// Sets the level for loggers created from now on.
    static func set(_ level: Logger.Level) { current.withLock { $0 = level } }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
