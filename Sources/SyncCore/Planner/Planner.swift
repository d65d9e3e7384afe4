/// The pure three-way planner: `plan(base, fulcrum, ghl, settings) -> Plan`.
///
/// No I/O, no clock, no randomness: the same input (in any order) gives the same plan. Each
/// linked pair is planned on its own (`planPair`), so a store can stream millions of pairs
/// through it; only unlinked records are gathered for the matching step (`planUnlinked`).
///
/// Invariants kept here (see DESIGN.md):
/// - An update carries only fields whose canonical values differ; a no-change pair yields nothing.
/// - A value is never overwritten without either being unchanged since the base or losing a
///   reported conflict.
/// - Unlinked records are paired only by a stored link id, or an email or phone that is unique
///   on both sides; anything ambiguous is held, never guessed.
/// - Modify beats delete: a record changed since the base is re-created, not deleted.
public struct Planner: Sendable {
    /// The rules applied.
    public let settings: PlannerSettings
    /// Per-field change times the `newest` policy decides conflicts by (input, like the
    /// snapshots; empty unless the engine gathered it for conflicting pairs).
    public let evidence: ChangeEvidence

    /// Creates a planner.
    public init(settings: PlannerSettings, evidence: ChangeEvidence = .none) {
        self.settings = settings
        self.evidence = evidence
    }

    /// The same planner deciding `newest` conflicts with `evidence`.
    public func with(evidence: ChangeEvidence) -> Planner {
        Planner(settings: settings, evidence: evidence)
    }

    /// Plans a whole reconcile held in memory. For large state use `planPair` per streamed
    /// pair, `planUnlinked`, and a `PlanBuilder`, which is what this does.
    public func plan(_ input: PlanInput) -> Plan {
        let fulcrumById = Dictionary(input.fulcrum.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ghlById = Dictionary(input.ghl.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var builder = PlanBuilder(settings: settings)
        var linkedFulcrum = Set<String>()
        var linkedGHL = Set<String>()
        var linkedValues: [String: String] = [:]
        let decisions = Self.decisionsByPair(input.decisions)
        for base in input.bases {
            linkedFulcrum.insert(base.fulcrumId)
            linkedGHL.insert(base.contactId)
            let f = fulcrumById[base.fulcrumId]
            let g = ghlById[base.contactId]
            let outcome = planPair(base: base, fulcrum: f, ghl: g, decisions: decisions[base.fulcrumId] ?? [:])
            builder.add(outcome, base: base)
            for value in settledMatchValues(of: outcome, fulcrum: f, ghl: g) {
                let owner = "Fulcrum \(base.fulcrumId) / GHL \(base.contactId)"
                linkedValues[value] = min(linkedValues[value] ?? owner, owner)
            }
        }
        let unlinked = planUnlinked(
            fulcrum: input.fulcrum.filter { !linkedFulcrum.contains($0.id) },
            ghl: input.ghl.filter { !linkedGHL.contains($0.id) },
            linkedFulcrumIds: linkedFulcrum, linkedContactIds: linkedGHL, linkedMatchValues: linkedValues)
        for outcome in unlinked { builder.add(outcome, linked: false) }
        return builder.finish(
            fulcrumCount: input.fulcrum.count, ghlCount: input.ghl.count,
            storedMappingHash: input.storedMappingHash, force: input.force)
    }

    /// Decisions by Fulcrum id, then field (the latest decision for a field wins).
    public static func decisionsByPair(_ decisions: [ConflictDecision]) -> [String: [String: ConflictDecision]] {
        var result: [String: [String: ConflictDecision]] = [:]
        for decision in decisions { result[decision.fulcrumId, default: [:]][decision.field] = decision }
        return result
    }
}
