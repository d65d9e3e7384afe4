/// Everything the planner reads: the bases and both snapshots, all canonical.
public struct PlanInput: Sendable {
    /// The last agreed state of every linked pair.
    public var bases: [PairBase]
    /// Fulcrum's full snapshot.
    public var fulcrum: [RecordState]
    /// GHL's full snapshot.
    public var ghl: [RecordState]
    /// The mapping fingerprint the bases were written under (`nil` on a first run).
    public var storedMappingHash: String?
    /// Apply even when a safety rail trips.
    public var force: Bool
    /// People's decisions on open conflicts (`fgsync resolve`).
    public var decisions: [ConflictDecision]
    /// Fulcrum repeatable items by record id, for the records whose children were listed.
    public var fulcrumChildren: [String: [ChildItem]] = [:]
    /// GHL notes, tasks and appointments by contactId, for the contacts whose children were listed.
    public var ghlChildren: [String: [ChildItem]] = [:]
    /// The agreed children by Fulcrum record id.
    public var childBases: [String: [ChildBase]] = [:]

    /// Creates an input.
    public init(
        bases: [PairBase], fulcrum: [RecordState], ghl: [RecordState], storedMappingHash: String? = nil,
        force: Bool = false, decisions: [ConflictDecision] = []
    ) {
        self.bases = bases
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.storedMappingHash = storedMappingHash
        self.force = force
        self.decisions = decisions
    }
}
