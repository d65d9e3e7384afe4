/// Everything a reconcile would do: per-pair writes, conflicts, held items, tripped rails.
///
/// Produced by the pure `Planner`; deterministic for the same inputs, in any input order.
public struct Plan: Sendable, Hashable, Codable {
    /// Decisions per pair, sorted by Fulcrum id then contactId.
    public var pairs: [PlannedPair]
    /// Every conflict, resolved or waiting for a person, sorted.
    public var conflicts: [Conflict]
    /// Records left alone, with reasons, sorted.
    public var held: [HeldItem]
    /// Rails that tripped; when not empty the plan must not be applied unless forced.
    public var rails: [SafetyRail]
    /// True when rails tripped and `force` was not given.
    public var refused: Bool
    /// Child writes (notes, tasks, appointments) per pair, after the pairs' own writes.
    public var children: [PlannedChildren] = []

    /// Creates a plan.
    public init(
        pairs: [PlannedPair], conflicts: [Conflict], held: [HeldItem], rails: [SafetyRail],
        refused: Bool
    ) {
        self.pairs = pairs
        self.conflicts = conflicts
        self.held = held
        self.rails = rails
        self.refused = refused
    }

    /// All operations in execution order (the pairs', then their children's).
    public var operations: [Operation] { pairs.flatMap(\.operations) + children.flatMap(\.operations) }

    /// Counts of operations per side and kind, for summaries.
    public var counts: [Side: [Operation.Kind: Int]] {
        var result: [Side: [Operation.Kind: Int]] = [:]
        for operation in operations {
            result[operation.side, default: [:]][operation.kind, default: 0] += 1
        }
        return result
    }
}
