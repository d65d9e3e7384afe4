import Foundation
import Logging
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore

/// Runs one sync's passes one at a time: event-driven delta passes, poll passes and the nightly
/// full reconcile, each through `ReconcileRun` (so each takes the state file's lock, as
/// `fgsync sync` and `fgsync reconcile` do, and waits for one started by cron), and each in
/// a slot of the scheduler all syncs of the serve share.
actor PassRunner {
    /// A pass's kind, as metrics and logs name it.
    enum Kind: String, Sendable {
        /// Re-read the records webhook events named.
        case events
        /// A cursor-based delta pass on the poll timer.
        case poll
        /// The full reconcile at `sync.full_reconcile_at`.
        case full
    }

    let settings: ServeSettingsRun
    let metrics: ServeMetrics
    /// The schema event passes reuse; poll and full passes read it again.
    let schema = SchemaCache()
    let logger: Logger
    /// Whether the last pass failed (readiness reports it).
    private(set) var lastFailure: String?

    /// The slots every sync's passes share.
    let scheduler: PassScheduler

    init(settings: ServeSettingsRun, metrics: ServeMetrics, logger: Logger, scheduler: PassScheduler = PassScheduler(slots: 1)) {
        self.settings = settings
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "sync"] = "\(settings.name)"
        self.logger = logger
        self.scheduler = scheduler
    }

    /// Passes waiting for the one running (the actor is reentrant across the pass's awaits).
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits for the passes started before this one.
    private func take() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next pass.
    private func give() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// Runs one pass, after the passes started before it (serve's own passes never wait for
    /// each other on the state file's lock); a pass that throws is logged, counted and
    /// rethrown. `force` overrides the safety rails (the console's confirm-to-force, as
    /// `--force` does).
    func run(_ kind: Kind, events: [WebhookEvent] = [], force: Bool = false) async throws -> RunReport {
        await take()
        await scheduler.acquire(settings.name)
        do {
            let report = try await pass(kind, events: events, force: force)
            await scheduler.release()
            give()
            return report
        } catch {
            await scheduler.release()
            give()
            throw error
        }
    }

    /// One pass, in its slot.
    private func pass(_ kind: Kind, events: [WebhookEvent], force: Bool) async throws -> RunReport {
        if kind != .full, try await !settings.store.deltaCanStart() {
            // Retried on the timer; `fgsync reconcile` (or the nightly full pass) makes it ready.
            let error = SyncEngineError(
                .usage, "no full reconcile has finished on \(settings.statePath) yet; run `fgsync reconcile\(settings.sync.map { " --sync \($0)" } ?? "")` once")
            lastFailure = "the last \(kind.rawValue) pass could not start: \(error.message)"
            throw error
        }
        var options = ReconcileOptions(force: force)
        options.delta = kind != .full
        options.events = kind == .events ? events : nil
        options.ghlSearchLag = settings.ghlSearchLag
        options.schemaCache = schema
        var run = ReconcileRun(configPath: settings.configPath, sync: settings.sync, statePath: settings.statePath, options: options)
        run.openStore = settings.store
        run.environment = settings.environment
        run.lockPatience = settings.lockPatience
        var clientOptions = settings.clientOptions
        let counters = RequestCounters()
        clientOptions.counters = counters
        run.clientOptions = clientOptions
        let started = ContinuousClock.now
        let logger = self.logger
        do {
            let report = try await run.run { line in logger.debug("\(TextEscaping.escape(line))", metadata: ["pass": "\(kind.rawValue)"]) }
            let duration = ContinuousClock.now - started
            let writes = report.applied.mapValues { $0.values.reduce(0, +) }
            metrics.pass(
                kind: kind.rawValue, outcome: report.outcome, duration: duration, writes: writes,
                conflicts: report.conflicts.count, echoes: report.echoes ?? 0, rateLimited: counters.snapshot().rateLimited)
            // Writes of some records failing (retried by the next pass, listed by status) leave
            // serve ready; a refused pass holds every change back until a person acts.
            lastFailure = report.outcome == "refused"
                ? "the last \(kind.rawValue) pass (run \(report.runId)) was refused by a safety rail: \(report.rails.map(\.message).joined(separator: "; "))"
                : nil
            if kind == .poll {
                // A week of worked events is kept for people and `newest` evidence, no more.
                _ = try? await settings.store.pruneInboxEvents(processedBefore: settings.store.clock.now().addingTimeInterval(-7 * 86_400))
            }
            logger.info(
                "pass finished",
                metadata: [
                    "pass": "\(kind.rawValue)", "run": "\(report.runId)", "outcome": "\(report.outcome)",
                    "events": "\(report.events ?? 0)", "echoes": "\(report.echoes ?? 0)",
                    "read": "fulcrum \(report.snapshot.fulcrumRecords), ghl \(report.snapshot.ghlContacts)",
                    "writes": "fulcrum \(writes["fulcrum"] ?? 0), ghl \(writes["ghl"] ?? 0)",
                    "conflicts": "\(report.conflicts.count)", "held": "\(report.held.count)", "failed": "\(report.failed.count)",
                    "ms": "\(duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000)",
                ])
            return report
        } catch {
            metrics.pass(
                kind: kind.rawValue, outcome: "error", duration: ContinuousClock.now - started, writes: [:], conflicts: 0, echoes: 0,
                rateLimited: counters.snapshot().rateLimited)
            let failure = "the last \(kind.rawValue) pass stopped: \(error)"
            if let engine = error as? SyncEngineError, engine.code == .uninstalled {
                // Stopped, not failing: said once, until an INSTALL event lets passes run again.
                if lastFailure != failure {
                    logger.notice("sync stopped: the GHL app was uninstalled from its location", metadata: ["why": "\(TextEscaping.escape(engine.message))"])
                }
            } else {
                logger.error("pass stopped", metadata: ["pass": "\(kind.rawValue)", "error": "\(TextEscaping.escape("\(error)"))"])
            }
            lastFailure = failure
            throw error
        }
    }
}

/// What every pass of one sync of a `serve` shares.
struct ServeSettingsRun: Sendable {
    /// The sync's name (`default` for a single-sync config).
    var name: String
    /// The sync `ReconcileRun` loads (nil: a single-sync config).
    var sync: String?
    var configPath: String
    var statePath: String
    var environment: [String: String]
    var clientOptions: ClientOptions
    var lockPatience: Duration
    var ghlSearchLag: Duration
    /// The state file serve keeps open (checked once, at start).
    var store: any StateStore
}
