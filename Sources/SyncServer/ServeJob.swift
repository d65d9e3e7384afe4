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
/// full reconcile, all on one state file and under its lock, pass by pass.
public struct ServeJob: Sendable {
    /// The YAML mapping.
    public var configPath: String
    /// The state file (a full `fgsync reconcile` must have run on it).
    public var statePath: String
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
    /// Where logs go.
    public var logger = Logger(label: "fgsync.serve")

    /// Creates a job.
    public init(configPath: String, statePath: String) {
        self.configPath = configPath
        self.statePath = statePath
    }

    /// Checks everything, binds, and starts the services; returns once listening.
    ///
    /// Refused before binding (usage errors, exit 2): a config that does not load, a webhook
    /// key that does not parse, a Fulcrum secret that is too short for a URL secret, and a
    /// state file no full reconcile has run on. An unset Fulcrum secret variable turns Fulcrum
    /// webhooks off, with a warning.
    public func start(handleSignals: Bool = false) async throws -> RunningServe {
        let config = try MappingConfig.load(contentsOf: URL(fileURLWithPath: configPath))
        let keys = try WebhookKeys(configured: config.serve.ghlWebhookPublicKeys)
        let secret = try fulcrumSecret(config)
        let store = try StateStore(path: statePath, clock: StoreClock(now: now))
        guard try await store.deltaCanStart() else {
            throw SyncEngineError(.usage, "no full reconcile has finished on \(statePath) yet; run `fgsync reconcile` once, then start `fgsync serve`")
        }
        let metrics = ServeMetrics()
        let runner = PassRunner(
            settings: ServeSettingsRun(
                configPath: configPath, statePath: statePath, environment: environment, clientOptions: clientOptions,
                lockPatience: lockPatience, ghlSearchLag: ghlSearchLag, store: store),
            metrics: metrics, logger: logger)
        let worker = InboxWorker(
            store: store, config: config, runner: runner, metrics: metrics, logger: logger, maxAttempts: maxAttempts, now: now)
        let receiver = WebhookReceiver(
            store: store, keys: keys, fulcrumSecret: secret, metrics: metrics, logger: logger, now: now,
            wake: { [inboxWorker] in if inboxWorker { await worker.doorbell.ring() } })
        let console = try Console.start(
            config: config, statePath: statePath, environment: environment, store: store, runner: runner,
            wakeWorker: { [inboxWorker] in if inboxWorker { await worker.doorbell.ring() } }, now: now, logger: logger)
        let router = ServeRoutes.router(
            receiver: receiver, health: ServeHealth(runner: runner, worker: worker), metrics: metrics, console: console)
        let (bound, continuation) = AsyncStream<Int>.makeStream()
        var httpLogger = logger
        httpLogger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: httpLogger)
        var services: [any Service] = [app]
        if inboxWorker { services.append(worker) }
        if pollTimer { services.append(PollTimer(runner: runner, interval: config.serve.pollInterval, fullAt: config.serve.fullReconcileAt, logger: logger)) }
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
        if inboxWorker { await worker.doorbell.ring() }
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        logger.info("listening", metadata: ["url": "\(url)"])
        return RunningServe(url: url, group: group, task: task, runner: runner, worker: worker, metrics: metrics, console: console)
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
    let runner: PassRunner
    let worker: InboxWorker
    let metrics: ServeMetrics
    /// The web console, when `console.token_env` is set.
    let console: Console?

    init(
        url: String, group: ServiceGroup, task: Task<Void, any Error>, runner: PassRunner, worker: InboxWorker, metrics: ServeMetrics,
        console: Console? = nil
    ) {
        self.url = url
        self.group = group
        self.task = task
        self.runner = runner
        self.worker = worker
        self.metrics = metrics
        self.console = console
    }

    /// Runs one poll pass now (what the timer does every `sync.poll_interval`).
    public func poll() async throws -> RunReport { try await runner.run(.poll) }

    /// Works every due inbox event now (what the worker does when woken).
    public func drain() async { while await worker.drainOnce() {} }

    /// The `/metrics` text.
    public func metricsText() async -> String {
        await worker.refreshGauges()
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
