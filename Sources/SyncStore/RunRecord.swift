import Foundation

/// One sync run as recorded in the state file.
public struct RunRecord: Sendable, Hashable {
    /// The run's id, referenced by its journal, conflicts and audit rows.
    public var id: Int64
    /// What ran: `reconcile`, `sync`, `plan`, ...
    public var kind: String
    /// How: `apply`, `dry-run`, `force`, ...
    public var mode: String
    /// When it started.
    public var startedAt: Date
    /// When it finished; `nil` while running, or if the process died.
    public var finishedAt: Date?
    /// How it ended (`ok`, `refused`, `failed`, ...); `nil` while running.
    public var outcome: String?
    /// Summary counts (operations per kind, conflicts, held, echoes, ...).
    public var counts: [String: Int]

    /// Creates a run as a store read it back.
    package init(
        id: Int64, kind: String, mode: String, startedAt: Date, finishedAt: Date?, outcome: String?, counts: [String: Int]
    ) {
        self.id = id
        self.kind = kind
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.counts = counts
    }
}
