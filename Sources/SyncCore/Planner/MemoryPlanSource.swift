/// A `PlanInput` held in memory, as a `PlanSource`: the same questions the state file answers,
/// answered from arrays (of two records with one id, the first is paired).
struct MemoryPlanSource: PlanSource {
    let input: PlanInput
    private let fulcrumById: [String: RecordState]
    private let ghlById: [String: RecordState]
    private let linkedFulcrum: Set<String>
    private let linkedGHL: Set<String>

    init(_ input: PlanInput) {
        self.input = input
        fulcrumById = Dictionary(input.fulcrum.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        ghlById = Dictionary(input.ghl.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        linkedFulcrum = Set(input.bases.map(\.fulcrumId))
        linkedGHL = Set(input.bases.map(\.contactId))
    }

    func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void) async throws {
        try await body(input.bases.map { ($0, fulcrumById[$0.fulcrumId], ghlById[$0.contactId]) })
    }

    func unlinkedRecords(_ side: Side) async throws -> [RecordState] {
        side == .fulcrum
            ? input.fulcrum.filter { !linkedFulcrum.contains($0.id) } : input.ghl.filter { !linkedGHL.contains($0.id) }
    }

    func isLinked(fulcrumId: String) async throws -> Bool { linkedFulcrum.contains(fulcrumId) }
    func isLinked(contactId: String) async throws -> Bool { linkedGHL.contains(contactId) }
    func recordCount(_ side: Side) async throws -> Int { side == .fulcrum ? input.fulcrum.count : input.ghl.count }
    func storedMappingHash() async throws -> String? { input.storedMappingHash }

    /// The pair's children when each side present was listed; `nil` when one was not.
    func children(fulcrumId: String?, contactId: String?) async throws -> PairChildren? {
        let fulcrum = fulcrumId.flatMap { input.fulcrumChildren[$0] }
        let ghl = contactId.flatMap { input.ghlChildren[$0] }
        if (fulcrumId != nil && fulcrum == nil) || (contactId != nil && ghl == nil) { return nil }
        return PairChildren(
            fulcrumId: fulcrumId, contactId: contactId, base: fulcrumId.flatMap { input.childBases[$0] } ?? [],
            fulcrum: fulcrum ?? [], ghl: ghl ?? [], fulcrumUpdatedAt: fulcrumId.flatMap { fulcrumById[$0]?.updatedAt },
            ghlUpdatedAt: contactId.flatMap { ghlById[$0]?.updatedAt })
    }
}
