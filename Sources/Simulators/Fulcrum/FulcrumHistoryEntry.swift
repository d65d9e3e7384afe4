/// One entry of `records/history`: a full snapshot plus the change type and sequence.
public struct FulcrumHistoryEntry: Sendable, Codable, Equatable {
    /// Monotonic cursor (`max(previous + 1, updated_at in ms)`).
    public var sequence: Int64
    /// Record id.
    public var recordId: String
    /// Form id.
    public var formId: String
    /// `c`, `u` or `d`.
    public var changeType: String
    /// The snapshot with the `history_*` fields, as served.
    public var json: JSONValue
}
