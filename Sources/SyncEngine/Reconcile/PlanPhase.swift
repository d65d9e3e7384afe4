import SyncCore
import SyncStore

/// Phase 2, reconcile: the state file as a `PlanSource`, planned by `Planner.plan(from:)`, the
/// one function every plan goes through; linked pairs stream from SQLite in batches.
///
/// With a `scope` (a delta pass), only the pairs of the records the pass read are planned, and
/// only the unlinked records among them; when one of those is unlinked, every linked pair is
/// streamed so its email and phone are matched against all of them, exactly as in a full plan
/// (a new record is never created beside a linked one it matches). Unlinked records the pass did
/// not touch keep the decision a full plan gave them until the next full reconcile.
struct PlanPhase: PlanSource {
    let store: any StateStore
    let planner: Planner
    var scope: PlanScope? = nil
    /// Where the pairs' children are read from (`nil`: children are not planned).
    var childReader: ChildReader? = nil

    /// Plans from the state file; `decisions` are people's decisions on open conflicts by
    /// Fulcrum id, then field.
    func plan(force: Bool, decisions: [String: [String: ConflictDecision]] = [:]) async throws -> Plan {
        try await planner.plan(from: self, force: force, decisions: decisions)
    }

    func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void) async throws {
        if let scope, try await !touchesUnlinked(scope) {
            let pairs = try await store.linkedPairs(fulcrumIds: scope.fulcrumIds, contactIds: scope.contactIds)
            if !pairs.isEmpty { try await body(pairs) }
            return
        }
        try await store.forEachLinkedPair(batchSize: 2_000, body)
    }

    /// As `forEachLinkedPair`, with the pairs whose sides agree with their base left undecoded
    /// (a delta pass's few pairs come decoded).
    func forEachLinkedPair(keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void) async throws {
        if let scope, try await !touchesUnlinked(scope) {
            let pairs = try await store.linkedPairs(fulcrumIds: scope.fulcrumIds, contactIds: scope.contactIds)
            if !pairs.isEmpty { try await body(pairs.map { .decoded($0.0, $0.1, $0.2) }) }
            return
        }
        try await store.forEachLinkedPair(batchSize: 2_000, keeping: keys, body)
    }

    func unlinkedRecords(_ side: Side) async throws -> [RecordState] {
        guard let scope else { return try await store.unlinkedRecords(side) }
        return try await store.unlinkedRecords(side, among: side == .fulcrum ? scope.fulcrumIds : scope.contactIds)
    }

    /// Whether a record in scope is unlinked (then every linked pair is a possible match).
    private func touchesUnlinked(_ scope: PlanScope) async throws -> Bool {
        for side in Side.allCases where try await !unlinkedRecords(side).isEmpty { return true }
        return false
    }
    func isLinked(fulcrumId: String) async throws -> Bool { try await store.base(fulcrumId: fulcrumId) != nil }
    func isLinked(contactId: String) async throws -> Bool { try await store.linkedRecord(contactId: contactId) != nil }
    func recordCount(_ side: Side) async throws -> Int { try await store.mirrorCount(side) }
    func storedMappingHash() async throws -> String? { try await store.mappingHash() }
    func liveLinkedTotal() async throws -> Int? { scope == nil ? nil : try await store.liveBaseCount() }
}
