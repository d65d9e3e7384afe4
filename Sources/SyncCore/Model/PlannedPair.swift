/// The planner's decision for one pair (or one unpaired record): its writes and the base to
/// record once all of them completed.
///
/// The propagator applies a pair's operations, then stores `newBase` in the same transaction as
/// the last journal entry, so the base only ever records completed writes.
public struct PlannedPair: Sendable, Hashable, Codable {
    /// The Fulcrum record id, absent until a Fulcrum create has run.
    public var fulcrumId: String?
    /// The GHL contactId, absent until a GHL create has run.
    public var contactId: String?
    /// The writes, in the order they must run.
    public var operations: [Operation]
    /// The agreed state after the writes; ids missing here are filled from the creates' answers.
    /// `nil` when the pair's base must be removed (both sides gone, or the pair is held).
    public var newBase: PairBase?
    /// True when the base changes even if no operation is needed (e.g. first agreement).
    public var baseChanged: Bool

    /// Creates a planned pair.
    public init(
        fulcrumId: String?, contactId: String?, operations: [Operation], newBase: PairBase?,
        baseChanged: Bool
    ) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.operations = operations
        self.newBase = newBase
        self.baseChanged = baseChanged
    }
}
