import SyncCore
import SyncStore

extension ReconcileJob {
    /// Applies the plan's child writes after the pairs' own (a pair created in this run has
    /// both ids by then); a source that cannot write children (saved bodies) applies none.
    func propagateChildren(
        _ plan: Plan, mapping: ResolvedMapping, runId: Int64, progress: Progress, into outcome: inout Propagator.Outcome
    ) async throws {
        guard !plan.children.isEmpty, let children = ghl as? any GHLChildGateway else { return }
        try await ChildPropagator(
            store: store, mapping: mapping, fulcrum: fulcrum, ghl: children, runId: runId, progress: progress,
            newItemId: newRecordId, checkpoint: checkpoint
        ).apply(plan.children, into: &outcome)
    }
}
