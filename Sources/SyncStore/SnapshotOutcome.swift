import SyncCore

/// What a finished full snapshot found: how many records it saw, and which ones it did not.
///
/// Records a full snapshot did not see are gone from that side (Fulcrum's list does not show
/// deletes; a full id comparison is the fallback). They are removed from the mirror and kept in
/// `audit`, so the planner sees the linked pair with that side missing.
public struct SnapshotOutcome: Sendable, Hashable {
    /// The side snapshotted.
    public var side: Side
    /// The snapshot's sequence number.
    public var seq: Int64
    /// Mirror rows the snapshot saw (ingested with this `seq`).
    public var seen: Int
    /// Ids the mirror held that the snapshot did not see, sorted; now removed from the mirror.
    public var removedIds: [String]
    /// Listed records whose raw JSON the mirror already held, projected under the same
    /// mapping: counted as seen, neither projected again nor written (0 when the snapshot
    /// projected every record, and for a delta pass).
    public var unchanged = 0

    /// Creates an outcome (a delta pass reports what its change feed saw the same way).
    public init(side: Side, seq: Int64, seen: Int, removedIds: [String]) {
        self.side = side
        self.seq = seq
        self.seen = seen
        self.removedIds = removedIds
    }
}
