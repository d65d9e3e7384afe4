import Foundation

/// One sync's health in a word, for the status table, the console and readiness: what an
/// operator should look at first.
public enum SyncHealth: String, Codable, Sendable, Hashable, CaseIterable {
    /// The last run finished and nothing waits for a person.
    case ok
    /// Runs finish, but something waits: open conflicts, failed writes, held items, parked events.
    case attention
    /// A safety rail holds the next run (fix the cause, or run with `--force`).
    case held
    /// The last run failed or its tokens were refused.
    case failing
    /// The state file exists but no run has finished on it.
    case new
    /// There is no state file yet: no run has been made.
    case missing
    /// The state file cannot be read (see the row's error).
    case unreadable

    /// The health of a state file's status.
    public init(_ status: StatusJob.Status) {
        guard let last = status.runs.first(where: { $0.outcome != nil }) else {
            self = .new
            return
        }
        if last.outcome == "failed" || last.outcome == "auth-failed" || last.outcome == "uninstalled" {
            self = .failing
        } else if !status.railsHolding.isEmpty {
            self = .held
        } else if status.openConflicts > 0 || !status.failedOperations.isEmpty || !status.held.isEmpty
            || !status.parkedEvents.isEmpty || status.pendingWrites > 0
        {
            self = .attention
        } else {
            self = .ok
        }
    }
}
