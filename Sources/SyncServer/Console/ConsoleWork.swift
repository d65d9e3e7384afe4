import Foundation
import Logging

/// Passes the console asked for ("apply decisions now", "retry now", confirm-to-force), run
/// in the background through serve's own `PassRunner`, one after another (the runner is an
/// actor and every pass takes the state file's lock), so a page answers at once.
actor ConsoleWork {
    let runner: PassRunner
    let logger: Logger
    private var last: Task<Void, Never>?

    init(runner: PassRunner, logger: Logger) {
        self.runner = runner
        self.logger = logger
    }

    /// Queues a pass after the ones already queued.
    func queue(_ kind: PassRunner.Kind, force: Bool = false, why: String) {
        let previous = last
        let runner = runner
        let logger = logger
        last = Task {
            await previous?.value
            logger.info(
                "console queued a pass",
                metadata: ["pass": "\(kind.rawValue)", "force": "\(force)", "why": "\(why)"])
            _ = try? await runner.run(kind, force: force)
        }
    }

    /// Waits until every queued pass has finished.
    func settle() async {
        while let task = last {
            await task.value
            if task == last { last = nil }
        }
    }
}
