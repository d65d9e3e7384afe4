import SyncCore
import SyncStore

/// Phase 2, reconcile: the state file as a `PlanSource`, planned by `Planner.plan(from:)`, the
/// one function every plan goes through; linked pairs stream from SQLite in batches.
struct PlanPhase: PlanSource {
    let store: StateStore
    let planner: Planner

    /// Plans from the state file; `decisions` are people's decisions on open conflicts by
    /// Fulcrum id, then field.
    func plan(force: Bool, decisions: [String: [String: ConflictDecision]] = [:]) async throws -> Plan {
        try await planner.plan(from: self, force: force, decisions: decisions)
    }

    func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void) async throws {
        try await store.forEachLinkedPair(batchSize: 2_000, body)
    }

    func unlinkedRecords(_ side: Side) async throws -> [RecordState] { try await store.unlinkedRecords(side) }
    func isLinked(fulcrumId: String) async throws -> Bool { try await store.base(fulcrumId: fulcrumId) != nil }
    func isLinked(contactId: String) async throws -> Bool { try await store.linkedRecord(contactId: contactId) != nil }
    func recordCount(_ side: Side) async throws -> Int { try await store.mirrorCount(side) }
    func storedMappingHash() async throws -> String? { try await store.mappingHash() }
}
