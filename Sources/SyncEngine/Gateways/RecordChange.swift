import Foundation

/// One entry of a side's change feed: a record as it now stands, or as it was deleted.
public struct RecordChange: Sendable, Hashable {
    /// The record (for a delete, its last state).
    public var record: RawRecord
    /// Whether the entry says the record was deleted.
    public var deleted: Bool
    /// The feed's position of this entry, when it has one (Fulcrum's history `sequence`).
    public var sequence: Int64?

    /// Creates an entry.
    public init(record: RawRecord, deleted: Bool, sequence: Int64?) {
        self.record = record
        self.deleted = deleted
        self.sequence = sequence
    }
}
