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
        var total = 0
        var applyStarted: ContinuousClock.Instant?
        var lastReport: ContinuousClock.Instant?
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

    /// Starts the apply phase of `total` operations; `applied` then reports progress and an ETA.
    func startApply(total: Int) {
        counts.withLock {
            $0.total = total
            $0.applyStarted = .now
        }
        report("apply: \(total) operations to write")
    }

    func applied(failed: Bool) {
        let line = counts.withLock { state -> String? in
            failed ? (state.failed += 1) : (state.applied += 1)
            let done = state.applied + state.failed
            let now = ContinuousClock.Instant.now
            // At most one line a second, and always the last one.
            guard done == state.total || state.lastReport.map({ now - $0 >= .seconds(1) }) ?? true else { return nil }
            state.lastReport = now
            var text = "apply: \(done)/\(state.total) operations done (\(state.failed) failed)"
            if let started = state.applyStarted, done < state.total, done > 0 {
                let elapsed = now - started
                let remaining = elapsed * Double(state.total - done) / Double(done)
                text += ", about \(Self.describe(remaining)) left"
            }
            return text
        }
        if let line { report(line) }
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        if seconds < 60 { return "\(max(seconds, 1)) s" }
        if seconds < 3600 { return "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
    }

    func note(_ message: String) { report(message) }
}
