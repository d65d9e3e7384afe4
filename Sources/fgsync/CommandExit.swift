import ArgumentParser
import Foundation
import SyncEngine
import SyncReports

/// Exit statuses for errors, adding the reports module's errors (always 2) to the engine's map.
enum CommandExit {
    static func code(for error: any Error) -> Int32 {
        if error is ReportError { return 2 }
        return ExitStatus.code(for: error)
    }

    /// The status of a usage error (unknown option, missing or invalid value, a
    /// `ValidationError`): 2, as the README documents, where ArgumentParser exits 64.
    static let usage: Int32 = 2

    /// Parses and runs `command` like `AsyncParsableCommand.main()`, but exits `usage` (with
    /// the parser's message and usage on standard error) for usage errors.
    static func main(_ command: FGSync.Type) async {
        do {
            var parsed = try command.parseAsRoot()
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
        } catch {
            if command.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(usage)
            }
            command.exit(withError: error)
        }
    }
}
