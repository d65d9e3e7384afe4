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

    /// Plans a whole reconcile held in memory, through `plan(from:)`, the function the state
    /// file's pairs go through too.
    public func plan(_ input: PlanInput) async -> Plan {
        do {
            return try await plan(
                from: MemoryPlanSource(input), force: input.force, decisions: Self.decisionsByPair(input.decisions))
        } catch {
            preconditionFailure("an in-memory plan source does not throw: \(error)")
        }
    }

    /// Decisions by Fulcrum id, then field (the latest decision for a field wins).
    public static func decisionsByPair(_ decisions: [ConflictDecision]) -> [String: [String: ConflictDecision]] {
        var result: [String: [String: ConflictDecision]] = [:]
        for decision in decisions { result[decision.fulcrumId, default: [:]][decision.field] = decision }
        return result
    }
}
