import SyncCore
import SyncStore

/// Phase 2, reconcile: the state file as a `PlanSource`, planned by `Planner.plan(from:)`, the
/// one function every plan goes through; linked pairs stream from SQLite in batches.
struct PlanPhase: PlanSource {
    let store: StateStore
    let planner: Planner

    /// Plans from the state file; `decisions` are people's decisions on open conflicts by
    /// Fulcrum id, then field.
    func plan(force: Bool, decisions: [String: [String: ConflictDecision]] = [:]) throws -> Plan {
        try planner.plan(from: self, force: force, decisions: decisions)
    }

    func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) throws -> Void) throws {
        try store.forEachLinkedPair(batchSize: 2_000, body)
    }

    func unlinkedRecords(_ side: Side) throws -> [RecordState] { try store.unlinkedRecords(side) }
    func isLinked(fulcrumId: String) throws -> Bool { try store.base(fulcrumId: fulcrumId) != nil }
    func isLinked(contactId: String) throws -> Bool { try store.linkedRecord(contactId: contactId) != nil }
    func recordCount(_ side: Side) throws -> Int { try store.mirrorCount(side) }
    func storedMappingHash() throws -> String? { try store.mappingHash() }
}
