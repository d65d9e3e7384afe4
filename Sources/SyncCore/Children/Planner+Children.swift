/// Which pairs' children are planned, and with which sides: the one place that decides it.
extension Planner {
    /// Plans the children of the pair `outcome` decided, when `source` listed them:
    /// - a pair whose record is deleted on either side plans none (children go with their record);
    /// - a pair being created (a `create` on one side) creates the source side's children on the
    ///   new record, whatever the new side's listing says (it has none yet);
    /// - a pair held (no planned pair) plans none: nothing is written for it.
    /// - a pair with one side gone and not re-created (a tombstone, a held survivor) plans none.
    ///
    /// On a created side, the survivor's items are all new there: a Fulcrum item's stale GHL
    /// id (its note went with a deleted contact) is dropped, and its new id written back.
    ///
    /// `decisions` are people's decisions on the pair's open conflicts, by field (a child's
    /// are named `notes[<id>].body`).
    func planChildren(
        after outcome: PairOutcome, fulcrumId: String?, contactId: String?, bothPresent: Bool, from source: some PlanSource,
        decisions: [String: ConflictDecision] = [:]
    ) async throws -> ChildPlanner.Outcome {
        let operations = outcome.pair?.operations ?? []
        guard !operations.contains(where: { $0.kind == .delete }) else { return .none }
        let creating = operations.first { $0.kind == .create }?.side
        guard bothPresent || creating != nil else { return .none }
        guard var children = try await source.children(
            fulcrumId: creating == .fulcrum ? nil : fulcrumId, contactId: creating == .ghl ? nil : contactId)
        else { return .none }
        switch creating {
        case .ghl?:
            children.ghl = []
            children.base = []
            children.fulcrum = children.fulcrum.map { item in
                var item = item
                item.ghlId = nil
                return item
            }
        case .fulcrum?:
            children.fulcrum = []
            children.base = []
        case nil:
            break
        }
        return settings.children.plan(children, decisions: decisions)
    }
}
