import SyncCore
import SyncStore

extension ReconcileJob {
    /// The webhook events waiting in the inbox that name a record of this sync; events for
    /// other forms or locations, or of kinds fgsync does not sync, are marked done here.
    func inboxEvents() async throws -> [WebhookEvent] {
        var events: [WebhookEvent] = []
        var ignored: [String] = []
        for event in try await store.pendingInboxEvents(due: store.clock.now()) {
            switch WebhookEvent.read(event, config: config) {
            case .success(let found): events.append(found)
            case .failure: ignored.append(event.id)
            }
        }
        if !options.dryRun { try await store.markInboxEventsProcessed(ids: ignored) }
        return events
    }
}

extension ReconcileJob {
    /// The events whose pairs had no failed write: done. An event is matched to failures by its
    /// pair (its record and the partner linked to it), since a write may name only the other
    /// side (a re-created contact's create carries the surviving Fulcrum id alone).
    func settledEvents(_ events: [WebhookEvent], failed: [OperationFailure]) async throws -> [String] {
        let failedIds = Set(failed.flatMap { [$0.operation.fulcrumId, $0.operation.contactId].compactMap { $0 } })
        guard !failedIds.isEmpty else { return events.map(\.eventId) }
        var settled: [String] = []
        for event in events {
            let partner = event.side == .fulcrum
                ? try await store.linkedContact(fulcrumId: event.recordId) : try await store.linkedRecord(contactId: event.recordId)
            if failedIds.contains(event.recordId) || partner.map(failedIds.contains) == true { continue }
            settled.append(event.eventId)
        }
        return settled
    }
}
