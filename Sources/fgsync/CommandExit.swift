import SyncEngine
import SyncReports

/// Exit statuses for errors, adding the reports module's errors (always 2) to the engine's map.
enum CommandExit {
    static func code(for error: any Error) -> Int32 {
        if error is ReportError { return 2 }
        return ExitStatus.code(for: error)
    }
}
