#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SyncCore
import Synchronization

/// Where a run's progress goes. On a terminal, counters (pages read, operations applied, ETA)
/// rewrite one status line in place and phase notes stay; otherwise (cron, a pipe, a log file)
/// every line is printed plainly with a UTC time. `--quiet` prints nothing.
final class ProgressOutput: Sendable {
    let isTerminal: Bool
    let quiet: Bool
    private let statusShown = Mutex(false)

    init(quiet: Bool, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.quiet = quiet
        self.isTerminal = isTerminal
    }

    /// One progress line from the engine.
    func line(_ text: String) {
        guard !quiet else { return }
        guard isTerminal else {
            Console.error("\(Timestamp.format(Date(), milliseconds: false)) fgsync: \(text)")
            return
        }
        let transient = text.hasPrefix("snapshot fulcrum:") || text.hasPrefix("snapshot ghl:") || text.hasPrefix("apply: ")
        let shown = String(TextEscaping.escape("fgsync: " + text).prefix(160))
        statusShown.withLock { open in
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + shown + (transient ? "" : "\n")).utf8))
            open = transient
        }
    }

    /// Ends the status line so what follows starts on a fresh line.
    func finish() {
        statusShown.withLock { open in
            if open { FileHandle.standardError.write(Data("\n".utf8)) }
            open = false
        }
    }
}
