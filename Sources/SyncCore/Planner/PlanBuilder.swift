/// Accumulates pair outcomes into a `Plan` and checks the safety rails at the end.
///
/// Keeps only pairs that change something, so streaming a million unchanged pairs through it
/// costs no memory.
public struct PlanBuilder: Sendable {
    /// The settings the outcomes were planned under.
    public let settings: PlannerSettings
    private var pairs: [PlannedPair] = []
    private var conflicts: [Conflict] = []
    private var held: [HeldItem] = []
    private var linkedCount = 0
    private var deletes: [Side: Int] = [:]
    private var children: [PlannedChildren] = []

    /// Creates an empty builder.
    public init(settings: PlannerSettings) {
        self.settings = settings
    }

    /// Adds the outcome of a linked pair planned from `base`. Only a live pair (not a
    /// tombstone left by an archived or ignored delete) counts toward the linked total the
    /// rails are measured against.
    public mutating func add(_ outcome: PairOutcome, base: PairBase) {
        add(outcome, linked: base.deletedSide == nil)
    }

    /// Measures the rails against `total` live linked pairs instead of those added (a plan of
    /// some of the pairs).
    public mutating func measureAgainst(linkedTotal total: Int) {
        linkedCount = max(linkedCount, total)
    }

    /// Adds one outcome; `linked` says whether it counts toward the linked total the delete
    /// rail is measured against (a live linked pair).
    public mutating func add(_ outcome: PairOutcome, linked: Bool) {
        if linked { linkedCount += 1 }
        conflicts += outcome.conflicts
        held += outcome.held
        guard let pair = outcome.pair else { return }
        for operation in pair.operations where operation.kind == .delete {
            deletes[operation.side, default: 0] += 1
        }
        pairs.append(pair)
    }

    /// Adds the child writes, conflicts and held children of one pair.
    public mutating func add(children outcome: ChildPlanner.Outcome) {
        conflicts += outcome.conflicts
        held += outcome.held
        if let planned = outcome.planned { children.append(planned) }
    }

    /// Finishes the plan: sorts everything and checks the rails.
    public func finish(fulcrumCount: Int, ghlCount: Int, storedMappingHash: String?, force: Bool) -> Plan {
        var rails: [SafetyRail] = []
        for (side, count) in [(Side.fulcrum, fulcrumCount), (.ghl, ghlCount)] where count == 0 && linkedCount > 0 {
            rails.append(SafetyRail(
                kind: .emptySnapshot, side: side,
                message: "the \(side == .fulcrum ? "Fulcrum" : "GHL") snapshot is empty but \(linkedCount) pairs are linked; if every record really was deleted, run again with --force"))
        }
        for side in Side.allCases {
            let count = deletes[side] ?? 0
            let limit = deleteLimit
            if count > limit {
                rails.append(SafetyRail(
                    kind: .maxDelete, side: side,
                    message: "\(count) of \(linkedCount) linked records would be deleted in \(side == .fulcrum ? "Fulcrum" : "GHL"), more than max_delete allows (\(limit)); check the other side for a mass delete, then run again with --force or raise deletes.max_delete"))
            }
        }
        if let stored = storedMappingHash, stored != settings.mappingHash, linkedCount > 0 {
            rails.append(SafetyRail(
                kind: .mappingChanged, side: nil,
                message: "the field mapping changed since the last sync (\(stored) -> \(settings.mappingHash)), so the stored base may not match the new fields; review the plan, then run again with --force to accept it"))
        }
        var plan = Plan(
            pairs: pairs.sorted { ($0.fulcrumId ?? "", $0.contactId ?? "") < ($1.fulcrumId ?? "", $1.contactId ?? "") },
            conflicts: conflicts.sorted { ($0.fulcrumId, $0.contactId, $0.field) < ($1.fulcrumId, $1.contactId, $1.field) },
            held: held.sorted { ($0.fulcrumId ?? "", $0.contactId ?? "", $0.field ?? "", $0.reason) < ($1.fulcrumId ?? "", $1.contactId ?? "", $1.field ?? "", $1.reason) },
            rails: rails, refused: !rails.isEmpty && !force)
        plan.children = children.sorted { ($0.fulcrumId ?? "", $0.contactId ?? "") < ($1.fulcrumId ?? "", $1.contactId ?? "") }
        return plan
    }

    /// Deletes allowed per side: a count as configured, or the percentage of the live linked
    /// pairs (rounded down) but never fewer than `maxDeleteFloor`.
    var deleteLimit: Int {
        switch settings.maxDelete {
        case .count(let n): n
        case .fraction(let f): max(settings.maxDeleteFloor, Int((Double(linkedCount) * f).rounded(.down)))
        }
    }
}
