import SyncCore
import SyncStore

/// One sync of a serve: its own state file, pass runner, inbox worker and metrics.
struct ServedSync: Sendable {
    /// The sync's name (`default` for a single-sync config).
    let name: String
    let config: MappingConfig
    let statePath: String
    let store: any StateStore
    let runner: PassRunner
    let worker: InboxWorker
    let metrics: ServeMetrics
    /// Whether the worker runs on its own (woken by every stored event).
    let wakes: Bool

    /// Wakes the worker after an event was stored.
    func wake() async {
        if wakes { await worker.doorbell.ring() }
    }

    /// Why the sync is not healthy, or `nil`: its state file answers and its last pass did not fail.
    func problem() async -> String? {
        do {
            _ = try await store.inboxDepth()
        } catch {
            return "the state file does not answer: \(error)"
        }
        return await runner.lastFailure
    }
}
