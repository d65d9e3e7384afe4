import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import UnixSignals

/// `fgsync serve`: the long-running service. Receives webhooks into the inbox, drains it in
/// delta passes, polls on a timer because webhooks are lossy, and optionally runs the nightly
/// full reconcile, for every sync of the config: each sync has its own state file (and lock),
/// pass runner, inbox worker and poll timer; one listener and one webhook endpoint serve all.
public struct ServeJob: Sendable {
    /// The YAML mapping.
    public var configPath: String
    /// Which sync of a `syncs:` config to serve (nil: every sync).
    public var sync: String?
    /// `--state`: the state file of a single-sync config, or the folder of a `syncs:` config's
    /// state files (nil: beside the config, `SyncSet.statePath`).
    public var statePath: String?
    /// Where to listen; port 0 picks a free port.
    public var host = "127.0.0.1"
    /// The port (8787 by default).
    public var port = 8787
    /// Where tokens and the Fulcrum webhook secret are read.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// HTTP client options for every pass.
    public var clientOptions = ClientOptions()
    /// How long a pass waits for a run holding the state file (e.g. a cron reconcile).
    public var lockPatience: Duration = .seconds(60)
    /// How long GHL search may take to show a write (as `reconcile`).
    public var ghlSearchLag = ReconcileOptions.defaultGHLSearchLag
    /// The time webhook timestamps are checked against.
    public var now: @Sendable () -> Date = { Date() }
    /// Whether the poll timer runs (tests drive polls themselves with `RunningServe.poll()`).
    public var pollTimer = true
    /// Whether the inbox worker runs on its own (tests may drain with `RunningServe.drain()`).
    public var inboxWorker = true
    /// Tries an inbox event gets before it is parked for a person.
    public var maxAttempts = 8
    /// Passes running at once across all syncs, handed out in turn between the syncs waiting.
    public var maxConcurrentPasses = 4
    /// Events one pass takes at most (a flood on one sync is worked in passes of this many).
    public var eventsPerPass = 500
    /// Where GHL's `INSTALL` / `UNINSTALL` app events go (the install flow connects here); they
    /// are counted and logged either way.
    public var appEvents: @Sendable (AppInstallEvent) async -> Void = { _ in }
    /// Where logs go.
    public var logger = Logger(label: "fgsync.serve")

    /// Creates a job for every sync of `configPath`; `statePath` as `--state`.
    public init(configPath: String, statePath: String?, sync: String? = nil) {
        self.configPath = configPath
        self.statePath = statePath
        self.sync = sync
    }

    /// Checks everything, binds, and starts the services; returns once listening.
    ///
    /// Refused before binding (usage errors, exit 2): a config that does not load, a webhook
    /// key that does not parse, a Fulcrum secret that is too short for a URL secret, and no
    /// sync that can start (each named with why: a state file that does not open or no full
    /// reconcile has run on). A sync that cannot start while others can is served anyway,
    /// reported by `/readyz` and retried on its timer. An unset Fulcrum secret variable turns
    /// Fulcrum webhooks off, with a warning.
    public func start(handleSignals: Bool = false) async throws -> RunningServe {
        let set = try SyncSet.load(contentsOf: URL(fileURLWithPath: configPath))
        let entries = try set.select(sync)
        let configs = entries.map(\.config)
        for (entry, config) in zip(entries, configs) {
            do {
                _ = try WebhookKeys(configured: config.serve.ghlWebhookPublicKeys)
            } catch let error as SyncEngineError where !set.isSingle {
                throw SyncEngineError(error.code, "sync \(entry.name): \(error.message)")
            }
        }
        var seen = Set<String>()
        let keys = try WebhookKeys(configured: configs.flatMap(\.serve.ghlWebhookPublicKeys).filter { seen.insert($0).inserted })
        if keys.ed25519.isEmpty {
            logger.warning("no ed25519 key in ghl.webhook_public_keys: GHL deliveries are verified by their x-wh-signature (RSA) alone, which GHL plans to retire; add GHL's Ed25519 key")
        }
        var secrets: [String] = []
        for config in configs { if let secret = try fulcrumSecret(config), !secrets.contains(secret) { secrets.append(secret) } }
        let metrics = ServeMetrics()
        let scheduler = PassScheduler(slots: maxConcurrentPasses)
        let gates = ServeGates(entries: entries, sleeper: clientOptions.sleeper)
        var syncs: [ServedSync] = []
        var down: [String: String] = [:]
        var unready: [String: String] = [:]
        for entry in entries {
            let path = set.statePath(for: entry.name, configPath: configPath, stateOption: statePath)
            let store: any StateStore
            do {
                store = try SQLiteStateStore(path: path, clock: StoreClock(now: now))
                if try await !store.deltaCanStart() {
                    unready[entry.name] = "no full reconcile has finished on \(path) yet; run `fgsync reconcile\(set.isSingle ? "" : " --sync \(entry.name)")` once, then start `fgsync serve`"
                }
            } catch {
                down[entry.name] = "its state file \(path) does not open: \(error)"
                continue
            }
            syncs.append(served(entry, sync: set.isSingle ? nil : entry.name, statePath: path, store: store, metrics: metrics, scheduler: scheduler, gates: gates))
        }
        let problems = down.merging(unready) { first, _ in first }
        guard syncs.contains(where: { unready[$0.name] == nil }) else {
            if set.isSingle || entries.count == 1, let only = problems.values.first { throw SyncEngineError(.usage, only) }
            throw SyncEngineError(
                .usage, "no sync can start: " + entries.map { "\($0.name): \(problems[$0.name] ?? "?")" }.joined(separator: "; "))
        }
        for (name, why) in problems.sorted(by: { $0.key < $1.key }) {
            logger.error("sync not started; the others are served and it is retried on its timer", metadata: ["sync": "\(name)", "why": "\(why)"])
        }
        var receiver = WebhookReceiver(
            syncs: syncs, keys: keys, fulcrumSecrets: secrets, metrics: metrics, logger: logger, now: now, appEvents: appEvents)
        receiver.unavailable = entries.filter { down[$0.name] != nil }
        let first = syncs[0]
        var console = try Console.start(
            config: first.config, statePath: first.statePath, environment: environment, store: first.store, runner: first.runner,
            wakeWorker: { await first.wake() }, now: now, logger: logger)
        console?.syncs = syncs
        let health = ServeHealth(syncs: syncs, down: down)
        let router = ServeRoutes.router(receiver: receiver, health: health, metrics: metrics, console: console)
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        var httpLogger = logger
        httpLogger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: httpLogger)
        var services: [any Service] = [app]
        for sync in syncs {
            if inboxWorker { services.append(sync.worker) }
            if pollTimer {
                services.append(
                    PollTimer(runner: sync.runner, interval: sync.config.serve.pollInterval, fullAt: sync.config.serve.fullReconcileAt, logger: logger))
            }
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: httpLogger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var port: Int?
        for await value in bound {
            port = value
            break
        }
        guard let port else {
            try await task.value
            throw SyncEngineError(.usage, "fgsync serve stopped before it listened on \(host):\(self.port)")
        }
        // Events stored before a restart (a SIGKILL, a crash) are worked at once.
        for sync in syncs { await sync.wake() }
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        logger.info("listening", metadata: ["url": "\(url)", "syncs": "\(syncs.map(\.name).joined(separator: ", "))"])
        return RunningServe(
            url: url, group: group, task: task, syncs: syncs, health: health, scheduler: scheduler, metrics: metrics, console: console)
    }

    /// One sync's runner, worker and metrics, drawing on the shared scheduler and gates.
    private func served(
        _ entry: SyncSet.Entry, sync: String?, statePath: String, store: any StateStore, metrics: ServeMetrics, scheduler: PassScheduler,
        gates: ServeGates
    ) -> ServedSync {
        let metrics = metrics.forSync(entry.name)
        var logger = logger
        logger[metadataKey: "sync"] = "\(entry.name)"
        let runner = PassRunner(
            settings: ServeSettingsRun(
                name: entry.name, sync: sync, configPath: configPath, statePath: statePath, environment: environment,
                clientOptions: gates.options(clientOptions, sync: entry.name), lockPatience: lockPatience, ghlSearchLag: ghlSearchLag,
                store: store),
            metrics: metrics, logger: logger, scheduler: scheduler)
        let worker = InboxWorker(
            store: store, config: entry.config, runner: runner, metrics: metrics, logger: logger, maxAttempts: maxAttempts,
            batchLimit: eventsPerPass, now: now)
        return ServedSync(
            name: entry.name, config: entry.config, statePath: statePath, store: store, runner: runner, worker: worker, metrics: metrics,
            wakes: inboxWorker)
    }

    /// The Fulcrum webhook secret, when `fulcrum.webhook_secret_env` names a variable.
    func fulcrumSecret(_ config: MappingConfig) throws -> String? {
        guard let name = config.serve.fulcrumWebhookSecretEnv else { return nil }
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            // Fulcrum's changes still arrive by the poll pass; say how to turn its webhooks on.
            logger.warning("\(name) is not set, so Fulcrum webhooks are refused (404) and Fulcrum changes arrive by the poll pass; export it (e.g. `export \(name)=$(openssl rand -hex 16)`) and register /webhooks/fulcrum/<secret>")
            return nil
        }
        guard value.count >= 16, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
            throw SyncEngineError(.usage, "\(name) must be at least 16 letters, digits, - or _ (it is a URL path segment); e.g. `export \(name)=$(openssl rand -hex 16)`")
        }
        return value
    }
}

/// A started `fgsync serve`.
public final class RunningServe: Sendable {
    /// `http://HOST:PORT`.
    public let url: String
    let group: ServiceGroup
    let task: Task<Void, any Error>
    /// Every sync served, in the config's order.
    let syncs: [ServedSync]
    let health: ServeHealth
    let scheduler: PassScheduler
    let metrics: ServeMetrics
    /// The web console, when `console.token_env` is set.
    let console: Console?

    init(
        url: String, group: ServiceGroup, task: Task<Void, any Error>, syncs: [ServedSync], health: ServeHealth, scheduler: PassScheduler,
        metrics: ServeMetrics, console: Console? = nil
    ) {
        self.url = url
        self.group = group
        self.task = task
        self.syncs = syncs
        self.health = health
        self.scheduler = scheduler
        self.metrics = metrics
        self.console = console
    }

    /// The first sync's runner (a single-sync serve's only one).
    var runner: PassRunner { syncs[0].runner }
    /// The first sync's worker.
    var worker: InboxWorker { syncs[0].worker }

    /// The names of the syncs served.
    public var syncNames: [String] { syncs.map(\.name) }

    /// Runs one poll pass now (what the timer does every `sync.poll_interval`) on `sync`
    /// (nil: the first).
    public func poll(sync: String? = nil) async throws -> RunReport {
        guard let served = served(sync) else {
            throw SyncEngineError(.usage, "serve has no sync named \"\(sync ?? "")\"; it serves \(syncNames.joined(separator: ", "))")
        }
        return try await served.runner.run(.poll)
    }

    /// Works every due inbox event of every sync now (what the workers do when woken).
    public func drain() async {
        for sync in syncs { while await sync.worker.drainOnce() {} }
    }

    /// Works every due inbox event of `sync` now (a name serve does not serve has none).
    public func drain(sync: String) async {
        guard let served = served(sync) else { return }
        while await served.worker.drainOnce() {}
    }

    /// The syncs granted a pass slot so far, in order.
    public func passTurns() async -> [String] { await scheduler.granted }

    /// Passes waiting for a slot.
    public func passesWaiting() async -> Int { await scheduler.waiting }

    /// Holds a pass slot until `body` returns (tests line passes up behind it).
    public func holdingPassSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await scheduler.acquire("(held)")
        do {
            let value = try await body()
            await scheduler.release()
            return value
        } catch {
            await scheduler.release()
            throw error
        }
    }

    /// The sync named `name` (nil: the first).
    private func served(_ name: String?) -> ServedSync? {
        guard let name else { return syncs.first }
        return syncs.first { $0.name == name }
    }

    /// The `/metrics` text.
    public func metricsText() async -> String {
        await health.refreshGauges()
        return metrics.text()
    }

    /// Stops accepting, lets the pass in flight finish, and waits for the services to end.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Waits until a signal (or `stop()`) ended the services.
    public func waitUntilStopped() async throws { try await task.value }
}
