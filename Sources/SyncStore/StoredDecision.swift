import Foundation
import SyncCore

/// A person's decision on a conflict as kept in the state file (`fgsync resolve`).
public struct StoredDecision: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The conflict it decides, when it was recorded against one.
    public var conflictId: Int64?
    /// The decision the planner applies.
    public var decision: ConflictDecision
    /// When it was recorded.
    public var decidedAt: Date
    /// The run that applied it; `nil` while it waits for the next run.
    public var appliedRun: Int64?

    /// Creates a decision as a store read it back.
    package init(id: Int64, conflictId: Int64?, decision: ConflictDecision, decidedAt: Date, appliedRun: Int64?) {
        self.id = id
        self.conflictId = conflictId
        self.decision = decision
        self.decidedAt = decidedAt
        self.appliedRun = appliedRun
    }
}
