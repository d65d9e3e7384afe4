import Foundation
import SyncCore
import SyncEngine
import SyncStore

/// `fgsync resolve`: records a person's decision on an open conflict; the next run applies it
/// (rule `manual-decision`) and reports it.
public struct ResolveJob: Sendable {
    /// Where the sync's state lives.
    public var state: StateLocation
    /// Opens it (reads `state.url_env` from the environment).
    public var opener = StateOpener()
    /// The conflict id from `fgsync conflicts`.
    public var conflictId: Int64
    /// The decision.
    public var choice: ConflictDecision.Choice

    /// Creates a job.
    public init(state: StateLocation, conflictId: Int64, choice: ConflictDecision.Choice) {
        self.state = state
        self.conflictId = conflictId
        self.choice = choice
    }

    /// Creates a job on the state file at `statePath`.
    public init(statePath: String, conflictId: Int64, choice: ConflictDecision.Choice) {
        self.init(state: .file(statePath), conflictId: conflictId, choice: choice)
    }

    /// Records the decision and returns a sentence for the operator.
    public func run() async throws -> String {
        guard try await opener.exists(state) else {
            throw ReportError(.usage, "there is no state at \(state); give --state (or --config) of a configuration that has run")
        }
        let store = try await opener.open(state)
        defer { try? store.close() }
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
