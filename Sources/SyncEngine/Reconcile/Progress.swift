import Synchronization
import SyncCore

/// Counts what a run has done so far and passes milestones to a reporter (log lines or a
/// terminal status line); shared by the phases, hence the lock.
final class Progress: Sendable {
    private struct Counts {
        var pages = 0
        var records: [Side: Int] = [:]
        var applied = 0
        var failed = 0
    }

    private let counts = Mutex(Counts())
    private let report: @Sendable (String) -> Void

    init(report: @escaping @Sendable (String) -> Void) {
        self.report = report
    }

    var pages: Int { counts.withLock { $0.pages } }

    func page(_ side: Side, records: Int) {
        let total = counts.withLock { state -> Int in
            state.pages += 1
            state.records[side, default: 0] += records
            return state.records[side, default: 0]
        }
        report("snapshot \(side.rawValue): \(total) records read")
    }

    func applied(failed: Bool) {
        counts.withLock { failed ? ($0.failed += 1) : ($0.applied += 1) }
    }

    func note(_ message: String) { report(message) }
}
