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
