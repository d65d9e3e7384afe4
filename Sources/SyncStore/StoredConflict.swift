import Foundation
import SyncCore

/// A conflict as kept in the state file, with its status.
public struct StoredConflict: Sendable, Hashable {
    /// Whether a person still has to decide.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Waiting for a person (`manual` policy).
        case open
        /// Decided, by policy or by a person.
        case resolved
    }

    /// The row id, to resolve it later.
    public var id: Int64
    /// The run that found it.
    public var runId: Int64?
    /// The conflict as the planner reported it.
    public var conflict: Conflict
    /// Open or resolved.
    public var status: Status
    /// How it was resolved: `policy:<rule>` or a person's note.
    public var resolution: String?
    /// When it was recorded.
    public var detectedAt: Date
    /// When it was resolved.
    public var resolvedAt: Date?

    /// Creates a conflict as a store read it back.
    package init(
        id: Int64, runId: Int64?, conflict: Conflict, status: Status, resolution: String?, detectedAt: Date, resolvedAt: Date?
    ) {
        self.id = id
        self.runId = runId
        self.conflict = conflict
        self.status = status
        self.resolution = resolution
        self.detectedAt = detectedAt
        self.resolvedAt = resolvedAt
    }
}
