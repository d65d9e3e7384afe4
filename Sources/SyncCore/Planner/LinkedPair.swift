/// One linked pair as a `PlanSource` streams it to the planner.
public enum LinkedPair: Sendable, Hashable {
    /// A pair decoded whole: its base and each side's record (`nil`: missing on that side).
    case decoded(PairBase, RecordState?, RecordState?)
    /// A live pair with both records present that the source knows to agree with its base
    /// (equal canonical values and tag keys, links both ways, no issues): the planner plans
    /// nothing for it, so nothing of it was decoded beyond what the plan asked for.
    case agreeing(AgreeingPair)

    /// The pair's Fulcrum record id.
    public var fulcrumId: String {
        switch self {
        case .decoded(let base, _, _): base.fulcrumId
        case .agreeing(let pair): pair.fulcrumId
        }
    }
}
