import Foundation
import SyncCore

/// One API write in the journal: recorded `pending` before the call, `done` or `failed` after.
///
/// After a crash, `pending` entries are the writes whose outcome is unknown: updates are simply
/// re-planned, creates are looked up on the target first so a retry never duplicates.
public struct JournalEntry: Sendable, Hashable {
    /// Where the write stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Recorded before the call; the outcome is not known yet.
        case pending
        /// The server accepted it; its answer is in `response`.
        case done
        /// The server refused it, or it gave up; the reason is in `error`.
        case failed
    }

    /// The row id.
    public var id: Int64
    /// The run that planned it.
    public var runId: Int64
    /// Its position in the run, from 1.
    public var seq: Int
    /// The write.
    public var operation: SyncCore.Operation
    /// Where it stands.
    public var state: State
    /// The server's answer (JSON), once done.
    public var response: String?
    /// Why it failed.
    public var error: String?
    /// When it was recorded.
    public var createdAt: Date
    /// When its state last changed.
    public var updatedAt: Date

    /// Creates an entry as a store read it back.
    package init(
        id: Int64, runId: Int64, seq: Int, operation: SyncCore.Operation, state: State, response: String?, error: String?,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.runId = runId
        self.seq = seq
        self.operation = operation
        self.state = state
        self.response = response
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// How a completed journal entry moves the pair's base, in the same transaction.
public enum BaseAdvance: Sendable, Hashable {
    /// Leave the base as it is (more writes for the pair still to come).
    case keep
    /// Record this base (the pair's last write completed).
    case record(PairBase)
    /// Forget the pair's base (both sides gone).
    case remove(fulcrumId: String)
}

/// A mirror change that goes with a completed write (the record as the server now has it).
public enum MirrorChange: Sendable, Hashable {
    /// Insert or replace the record in the side's mirror.
    case upsert(Side, MirrorRecord)
    /// Remove the record from the side's mirror (kept in `audit`).
    case remove(Side, id: String)
}
