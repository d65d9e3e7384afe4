import SyncCore
import SyncStore

/// The progress of one pair's writes: ids learnt from creates, entries settled so far.
struct PairWrite {
    var pair: PlannedPair
    var entries: [JournalEntry]
    var fulcrumId: String?
    var contactId: String?
    var settled: Set<Int64> = []
    var current: JournalEntry?
    /// How many times the pair was planned again during this run (a duplicate linked, a record
    /// that moved under the write); bounds re-planning to once.
    var depth = 0

    init(pair: PlannedPair, entries: [JournalEntry], mapping: ResolvedMapping) {
        self.pair = pair
        self.entries = entries
        fulcrumId = pair.fulcrumId ?? entries.first { $0.operation.side == .fulcrum && $0.operation.kind == .create }?.operation.fulcrumId
        contactId = pair.contactId
    }

    /// The pair's new base with the ids learnt from creates, once every write is done.
    var newBase: BaseAdvance {
        guard var base = pair.newBase else {
            return pair.fulcrumId.map { .remove(fulcrumId: $0) } ?? .keep
        }
        guard let fulcrumId, let contactId else { return .keep }
        base.fulcrumId = fulcrumId
        base.contactId = contactId
        return .record(base)
    }

    /// Entries not settled yet.
    var open: [JournalEntry] { entries.filter { !settled.contains($0.id) } }
}
