/// One page of the records history feed (`GET /api/v2/records/history.json`).
public struct FulcrumHistoryPage: Sendable, Hashable {
    /// The history entries of this page, oldest first.
    public var items: [FulcrumHistoryItem]
    /// The cursor for the next page, or `nil` when the feed is exhausted.
    public var nextSequence: Int64?

    /// Creates a page.
    public init(items: [FulcrumHistoryItem], nextSequence: Int64?) {
        self.items = items
        self.nextSequence = nextSequence
    }
}

/// One entry of the history feed: a record snapshot and what happened to it.
public struct FulcrumHistoryItem: Sendable, Hashable {
    /// What happened.
    public enum Change: String, Sendable, Hashable {
        /// Created (`c`).
        case create = "c"
        /// Updated (`u`).
        case update = "u"
        /// Deleted (`d`): the snapshot is the record as it was deleted.
        case delete = "d"
    }

    /// The record as of this change (history fields included in its JSON).
    public var record: FulcrumRecordData
    /// The change type; `nil` when the server sent none or an unknown one.
    public var change: Change?
    /// The entry's own sequence, when sent.
    public var sequence: Int64?
    /// The history entry id, when sent.
    public var historyId: String?

    /// Creates an entry.
    public init(record: FulcrumRecordData, change: Change?, sequence: Int64?, historyId: String?) {
        self.record = record
        self.change = change
        self.sequence = sequence
        self.historyId = historyId
    }
}
