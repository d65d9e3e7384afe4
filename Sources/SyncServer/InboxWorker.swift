import Foundation
import Logging
import ServiceLifecycle
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore

/// Drains the webhook inbox: gathers the events that arrived within a short window, re-reads
/// the records they name and plans and applies them in one delta pass, then marks them done.
///
/// An event whose pass failed is tried again after a backoff that doubles up to ten minutes.
/// When its own writes failed (or a rail refused the pass) it is parked after `maxAttempts`
/// tries and `fgsync status` lists it; an outage (the API down, the lock held by a long run)
/// only delays it. Events the sync does not use (another form, a note) are marked
/// done at once. On shutdown the pass in flight finishes; what waits stays in the inbox.
final class InboxWorker: Service, Sendable {
    let store: any StateStore
    let config: MappingConfig
    let runner: PassRunner
    let metrics: ServeMetrics
    let logger: Logger
    let doorbell = Doorbell()
    /// How long to gather events after the first one wakes the worker.
    let coalesce: Duration
    /// How often to look for retries that became due with no new event.
    let idleCheck: Duration
    let maxAttempts: Int
    /// Events one pass takes at most (a flood is worked in passes of this many, each in its
    /// turn among the syncs).
    let batchLimit: Int
    let now: @Sendable () -> Date
    private let stopping = Flag()

    init(
        store: any StateStore, config: MappingConfig, runner: PassRunner, metrics: ServeMetrics, logger: Logger,
        coalesce: Duration = .milliseconds(150), idleCheck: Duration = .seconds(1), maxAttempts: Int = 8, batchLimit: Int = 500,
        now: @escaping @Sendable () -> Date
    ) {
        self.batchLimit = max(1, batchLimit)
        self.store = store
        self.config = config
        self.runner = runner
        self.metrics = metrics
        self.logger = logger
        self.coalesce = coalesce
        self.idleCheck = idleCheck
        self.maxAttempts = maxAttempts
        self.now = now
    }

    /// The wait before try `attempt + 1`: 2 s, 4 s, ... up to 10 minutes.
    static func backoff(_ attempt: Int) -> Duration { .seconds(min(600, 1 << min(attempt, 10))) }

    func run() async throws {
        await withGracefulShutdownHandler {
            while !stopping.value {
                await doorbell.wait(timeout: idleCheck)
                if stopping.value { break }
                try? await Task.sleep(for: coalesce)
                while !stopping.value, await drainOnce() {}
            }
        } onGracefulShutdown: {
            self.stopping.set()
            Task { await self.doorbell.ring() }
        }
    }

    /// Works the events that are due; returns whether more may be waiting.
    @discardableResult
    func drainOnce() async -> Bool {
        let limit = batchLimit
        let pending: [InboxEvent]
        do {
            // A sync no full reconcile has finished on keeps its events until one has.
            guard try await store.deltaCanStart() else { return false }
            pending = try await store.pendingInboxEvents(due: now(), limit: limit)
        } catch {
            logger.error("cannot read the webhook inbox", metadata: ["error": "\(error)"])
            return false
        }
        guard !pending.isEmpty else { return false }
        var work: [WebhookEvent] = []
        var ignored: [String] = []
        for event in pending {
            switch WebhookEvent.read(event, config: config) {
            case .success(let found): work.append(found)
            case .failure(let why):
                ignored.append(event.id)
                logger.debug("event ignored", metadata: ["event": "\(TextEscaping.escape(event.id))", "reason": "\(TextEscaping.escape(why.reason))"])
            }
        }
        do {
            try await store.markInboxEventsProcessed(ids: ignored)
            metrics.events("ignored", ignored.count)
            if !work.isEmpty { try await apply(work) }
        } catch {
            logger.error("cannot update the webhook inbox", metadata: ["error": "\(error)"])
        }
        await refreshGauges()
        return pending.count == limit
    }

    /// One delta pass over the records `events` name; what the pass did not settle waits for
    /// another try. A failure of the event's own writes (or a refused pass) counts toward
    /// parking; an outage (the API down, rate limits, the state file held by a long run) only
    /// delays the event.
    private func apply(_ events: [WebhookEvent]) async throws {
        let ids = events.map(\.eventId)
        do {
            let report = try await runner.run(.events, events: events)
            let waiting = try await store.unprocessedInboxIds(among: ids)
            metrics.events("applied", events.count - waiting.count)
            guard !waiting.isEmpty else { return }
            let why = report.outcome == "refused"
                ? "the pass was refused: " + report.rails.map(\.message).joined(separator: "; ")
                : "write failed: " + report.failed.map(\.error).joined(separator: "; ")
            try await retryLater(waiting, error: why, park: true)
        } catch {
            try await retryLater(ids, error: "\(error)", park: !Self.isOutage(error))
        }
    }

    /// Errors that say nothing about the event: the next try may well succeed.
    static func isOutage(_ error: any Error) -> Bool {
        switch error {
        case let error as APIError:
            switch error.code {
            case .rateLimited, .server, .timeout, .transport: return true
            default: return false
            }
        case let error as SyncEngineError: return error.code == .locked
        default: return false
        }
    }

    private func retryLater(_ ids: [String], error: String, park: Bool) async throws {
        let parked = try await store.deferInboxEvents(ids: ids, error: error, maxAttempts: maxAttempts, park: park, backoff: Self.backoff)
        metrics.events("retried", ids.count - parked.count)
        metrics.events("parked", parked.count)
        if !parked.isEmpty {
            logger.error("events parked after \(maxAttempts) tries; `fgsync status` lists them", metadata: ["events": "\(TextEscaping.escape(parked.joined(separator: ", ")))", "error": "\(TextEscaping.escape(error))"])
        }
    }

    /// Sets the inbox gauges from the state file.
    func refreshGauges() async {
        if let depth = try? await store.inboxDepth() { metrics.inbox(waiting: depth.waiting, parked: depth.parked) }
    }
}
