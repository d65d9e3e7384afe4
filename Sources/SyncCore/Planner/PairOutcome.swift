/// The planner's result for one pair or one unpaired record, before rails are checked.
public struct PairOutcome: Sendable, Hashable {
    /// The pair's writes and new base; `nil` when nothing changes at all.
    public var pair: PlannedPair?
    /// Conflicts found in the pair.
    public var conflicts: [Conflict]
    /// Items held, with reasons.
    public var held: [HeldItem]

    /// Creates an outcome.
    public init(pair: PlannedPair?, conflicts: [Conflict] = [], held: [HeldItem] = []) {
        self.pair = pair
        self.conflicts = conflicts
        self.held = held
    }

    /// An outcome with nothing to do.
    public static let none = PairOutcome(pair: nil)
}
