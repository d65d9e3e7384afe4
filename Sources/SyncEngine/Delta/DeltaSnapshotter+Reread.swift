import Foundation
import SyncCore
import SyncStore

extension DeltaSnapshotter {
    /// What re-reading the records webhook events named found.
    struct Reread: Sendable {
        /// As a snapshot reports it.
        var outcome: Snapshotter.Outcome
        /// The records read (their pairs are planned).
        var scope: PlanScope
        /// Events about a record fgsync had just written that carried nothing new: our own
        /// writes coming back. They plan nothing.
        var echoes: Int
    }

    /// Re-reads each record the events name from its API (an event is a hint, never the
    /// truth) into the mirror. A record the API answers 404 for is deleted on that side, and
    /// only then: a `ContactDelete` whose contact still reads back deletes nothing, and any
    /// event whose record is gone confirms the delete.
    func reread(
        _ events: [WebhookEvent], fulcrum: any FulcrumGateway, ghl: any GHLGateway, runId: Int64, progress: Progress,
        echoWindow: TimeInterval = 600
    ) async throws -> Reread {
        var scope = PlanScope()
        for event in events { scope.insert(event.side, event.recordId) }
        var echoes = 0
        var seen: [Side: Int] = [:]
        var removed: [Side: [String]] = [:]
        let projections: [Side: ([String: Any]) throws -> RecordState] = [
            .fulcrum: FulcrumProjection(mapping: mapping).project, .ghl: GHLProjection(mapping: mapping).project,
        ]
        let since = store.clock.now().addingTimeInterval(-echoWindow)
        for side in Side.allCases {
            let ids = (side == .fulcrum ? scope.fulcrumIds : scope.contactIds).sorted()
            for id in ids {
                let known = try await store.record(side, id: id)
                let fresh = side == .fulcrum ? try await fulcrum.record(id: id) : try await ghl.contact(id: id)
                progress.page(side, records: 1)
                guard let fresh else {
                    if known != nil {
                        let why = side == .fulcrum ? "deleted in Fulcrum (confirmed by a 404)" : "deleted in GHL (confirmed by a 404)"
                        try await store.remove(side, ids: [id], runId: runId, reason: why)
                        removed[side, default: []].append(id)
                    }
                    continue
                }
                if side == .fulcrum, let form = fresh.object["form_id"] as? String, form != mapping.config.fulcrum.id {
                    scope.fulcrumIds.remove(id)
                    continue
                }
                let row = try Snapshotter.mirror(fresh, projection: projections[side]!)
                seen[side, default: 0] += 1
                if let known, Self.sameValues(known, row.projection) {
                    let eventCount = events.filter { $0.side == side && $0.recordId == id }.count
                    if try await store.wroteRecently(side, id: id, since: since) { echoes += eventCount }
                }
                try await store.upsert(side, [row])
            }
        }
        let outcome = Snapshotter.Outcome(
            fulcrum: SnapshotOutcome(side: .fulcrum, seq: 0, seen: seen[.fulcrum] ?? 0, removedIds: removed[.fulcrum] ?? []),
            ghl: SnapshotOutcome(side: .ghl, seq: 0, seen: seen[.ghl] ?? 0, removedIds: removed[.ghl] ?? []),
            pages: progress.pages)
        return Reread(outcome: outcome, scope: scope, echoes: echoes)
    }

    /// Whether two reads of a record agree on everything fgsync maps (the server's time may
    /// differ: a tag call moves `dateUpdated` without an answer that says so).
    static func sameValues(_ a: RecordState, _ b: RecordState) -> Bool {
        a.fields == b.fields && a.tags == b.tags && a.linkId == b.linkId
    }
}
