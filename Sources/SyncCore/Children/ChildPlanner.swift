import Foundation

/// The pure three-way planner of child items (notes, tasks, appointments) of one pair.
///
/// The same rules as the contacts (DESIGN.md "Three-way rules"), per child and per field:
/// - children are keyed by their GHL id (on Fulcrum, the item's hidden link field);
/// - F == G: nothing; only one side changed since the base: write it to the other; both
///   changed and differ: a conflict, settled by the policy (`newest` by the item's time, else
///   the record's), or by `direction` for a one-way kind;
/// - a child created on one side is created on the other (a Fulcrum item gets its GHL id
///   written back, `linkChild`); a new item on each side with the same content is linked, not
///   duplicated (this is also how a create whose link write was lost is settled);
/// - a child missing from one side is deleted on the other only if that one did not change
///   since the base (modify beats delete), under `deletes.mode: propagate`; `archive` and
///   `ignore` leave the survivor alone and never re-create it;
/// - a one-way kind (appointments: GHL -> Fulcrum) never writes to its source; an edit or a
///   delete on the receiving side is left alone and reported until the source changes.
///
/// No I/O, no clock, no randomness: the same input in any order gives the same output.
public struct ChildPlanner: Sendable, Hashable {
    /// How one child kind is diffed.
    public struct Rule: Sendable, Hashable {
        /// The kind.
        public var kind: ChildKind
        /// Which way its items flow.
        public var direction: SyncDirection
        /// The mapped GHL field names.
        public var fields: [String]
        /// How its conflicts are settled.
        public var policy: ConflictPolicy

        /// Creates a rule.
        public init(kind: ChildKind, direction: SyncDirection? = nil, fields: [String]? = nil, policy: ConflictPolicy = .newest) {
            self.kind = kind
            self.direction = direction ?? kind.defaultDirection
            self.fields = fields ?? kind.ghlFields.map(\.name)
            self.policy = policy
        }
    }

    /// The rules of the mapped kinds.
    public let rules: [Rule]
    /// What a delete on one side does to the other side's child.
    public let deleteMode: DeleteMode

    /// Creates a planner from rules.
    public init(rules: [Rule], deleteMode: DeleteMode = .propagate) {
        self.rules = rules.sorted { $0.kind < $1.kind }
        self.deleteMode = deleteMode
    }

    /// The planner of a resolved mapping's `children:` (every kind under the default conflict
    /// policy, or `policyOverride` from `--conflict-policy`).
    public init(mapping: ResolvedMapping, policyOverride: ConflictPolicy? = nil) {
        self.init(
            rules: mapping.children.kinds.map {
                Rule(kind: $0.kind, direction: $0.mapping.direction, fields: $0.fields.map(\.ghl),
                     policy: policyOverride ?? mapping.config.conflictPolicy)
            },
            deleteMode: mapping.config.deleteMode)
    }

    /// Whether any kind is planned.
    public var isEmpty: Bool { rules.isEmpty }

    /// The result for one pair: its child writes (`nil` when nothing changes), conflicts, held items.
    public struct Outcome: Sendable, Hashable {
        /// Nothing to do.
        public static let none = Outcome(planned: nil, conflicts: [], held: [])

        /// The writes and the agreed children; `nil` when nothing changes at all.
        public var planned: PlannedChildren?
        /// Child fields both sides changed.
        public var conflicts: [Conflict]
        /// Children left alone, with reasons.
        public var held: [HeldItem]
    }

    /// Plans the children of one pair. `decisions` are people's decisions on the pair's open
    /// child conflicts (`fgsync resolve`), by conflict field (`notes[<id>].body`).
    public func plan(_ pair: PairChildren, decisions: [String: ConflictDecision] = [:]) -> Outcome {
        var state = ChildPlanState(pair: pair)
        state.decisions = decisions
        for rule in rules { planKind(rule, into: &state) }
        let oldBase = pair.base.filter { base in rules.contains { $0.kind == base.kind } }.sorted(by: Self.order)
        let newBase = state.newBase.sorted(by: Self.order)
        let operations = state.operations.filter { $0.side == .ghl } + state.operations.filter { $0.side == .fulcrum }
        let planned = operations.isEmpty && newBase == oldBase
            ? nil : PlannedChildren(fulcrumId: pair.fulcrumId, contactId: pair.contactId, operations: operations, newBase: newBase)
        return Outcome(planned: planned, conflicts: state.conflicts, held: state.held)
    }

    static func order(_ a: ChildBase, _ b: ChildBase) -> Bool {
        (a.kind, a.ghlId, a.fulcrumItemId) < (b.kind, b.ghlId, b.fulcrumItemId)
    }
}
