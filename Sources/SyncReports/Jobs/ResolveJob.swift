import Foundation
import SyncCore
import SyncStore

/// `fgsync resolve`: records a person's decision on an open conflict; the next run applies it
/// (rule `manual-decision`) and reports it.
public struct ResolveJob: Sendable {
    /// The state file.
    public var statePath: String
    /// The conflict id from `fgsync conflicts`.
    public var conflictId: Int64
    /// The decision.
    public var choice: ConflictDecision.Choice

    /// Creates a job.
    public init(statePath: String, conflictId: Int64, choice: ConflictDecision.Choice) {
        self.statePath = statePath
        self.conflictId = conflictId
        self.choice = choice
    }

    /// Records the decision and returns a sentence for the operator.
    public func run() async throws -> String {
        guard FileManager.default.fileExists(atPath: statePath) else {
            throw ReportError(.usage, "there is no state file at \(statePath); give --state (or --config) of a configuration that has run")
        }
        let store = try SQLiteStateStore(path: statePath)
        let stored = try await store.recordDecision(conflictId: conflictId, choice: choice)
        let what: String
        switch choice {
        case .fulcrum: what = "take Fulcrum's value"
        case .ghl: what = "take GHL's value"
        case .base: what = "go back to the last agreed value"
        case .value(let value): what = "use \"\(value?.text ?? "")\""
        }
        return "Conflict #\(conflictId) (Fulcrum \(stored.decision.fulcrumId) / GHL \(stored.decision.contactId), field \(stored.decision.field)): recorded decision #\(stored.id) to \(what); the next run applies it."
    }
}
