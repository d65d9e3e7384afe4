import Demo
import Foundation
import FulcrumAPI
import Simulators
import SyncEngine
import SyncServer
import SyncStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `fgsync serve` (in process, on a loopback port) in front of the simulators, after a
/// first full reconcile; both simulators deliver their webhooks to it.
///
/// The worker and the poll timer are off unless asked for: a test delivers the simulators'
/// queued webhooks (`deliver()`), which returns once serve answered each (after storing it),
/// then works the inbox (`drain()`), so nothing waits on wall-clock time.
struct ServeHarness {
    var harness: LiveHarness
    let serve: RunningServe
    let configPath: String
    static let secret = "fulcrum-hook-0123456789abcdef"

    /// The environment every pass reads (tokens and the Fulcrum webhook secret).
    static func environment(_ harness: LiveHarness) -> [String: String] {
        [
            "FULCRUM_TOKEN": harness.sims.summary.fulcrum.token, "GHL_TOKEN": harness.sims.summary.ghl.token,
            "FGSYNC_FULCRUM_WEBHOOK_SECRET": secret,
        ]
    }

    /// Seeds `pairs` linked people, reconciles once, starts serve and registers its webhook URLs.
    /// `editConfig` changes the YAML written for the simulators before anything runs.
    static func start(
        pairs: Int = 2, worker: Bool = false, editConfig: (String) -> String = { $0 }, configure: (inout ServeJob) -> Void = { _ in }
    ) async throws -> ServeHarness {
        let harness = try await LiveHarness.start()
        await LiveSeeds.pairs(harness, count: pairs)
        let configPath = harness.directory.appendingPathComponent("fgsync.yml").path
        try editConfig(harness.sims.summary.fgsyncConfigYAML()).write(toFile: configPath, atomically: true, encoding: .utf8)
        var first = ReconcileRun(configPath: configPath, statePath: harness.statePath, options: ReconcileOptions())
        first.environment = environment(harness)
        first.clientOptions = LiveHarness.clientOptions()
        let report = try await first.run { _ in }
        #expect(report.outcome == "ok", "the first reconcile: \(report.failed)")
        var job = ServeJob(configPath: configPath, statePath: harness.statePath)
        job.port = 0
        job.environment = environment(harness)
        job.clientOptions = LiveHarness.clientOptions()
        job.pollTimer = false
        job.inboxWorker = worker
        let clock = harness.sims.cluster.clock
        job.now = { clock.now() }
        configure(&job)
        let serve = try await job.start()
        harness.sims.cluster.ghl.addWebhookTarget(serve.url + "/webhooks/ghl")
        try await registerFulcrumWebhook(harness, url: serve.url + "/webhooks/fulcrum/" + secret)
        return ServeHarness(harness: harness, serve: serve, configPath: configPath)
    }

    /// Registers a Fulcrum webhook through the API, as a person would in Fulcrum's settings.
    static func registerFulcrumWebhook(_ harness: LiveHarness, url: String) async throws {
        _ = try await harness.sims.fulcrumClient.createWebhook(name: "fgsync serve", url: url)
    }

    /// Makes every pass fail for a reason of the sync's own (a mapped field the form does not
    /// have), as opposed to an outage; `restoreConfig()` undoes it.
    func breakConfig() throws {
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        try text.replacingOccurrences(of: "{ fulcrum: company_name,", with: "{ fulcrum: no_such_field,")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Undoes `breakConfig()`.
    func restoreConfig() throws {
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        try text.replacingOccurrences(of: "{ fulcrum: no_such_field,", with: "{ fulcrum: company_name,")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Delivers every webhook the simulators have queued; each POST returns after serve stored it.
    func deliver() async {
        await harness.sims.cluster.ghl.webhooks.drain()
        await harness.sims.cluster.fulcrum.webhooks.drain()
    }

    /// Delivers, then works the inbox.
    func deliverAndDrain() async {
        await deliver()
        await serve.drain()
    }

    /// POSTs raw bytes to serve; returns the status.
    func post(_ path: String, body: Data, headers: [(String, String)] = []) async throws -> Int {
        try await Self.post(serveURL: serve.url, path, body: body, headers: headers)
    }

    /// POSTs raw bytes to the serve at `serveURL`; returns the status.
    static func post(serveURL: String, _ path: String, body: Data, headers: [(String, String)] = []) async throws -> Int {
        var request = URLRequest(url: URL(string: serveURL + path)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// GETs a path; returns status and body text.
    func get(_ path: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: serve.url + path)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The inbox as the state file holds it: waiting and parked counts.
    func inbox() async throws -> (waiting: Int, parked: Int) {
        try await SQLiteStateStore(path: harness.statePath).inboxDepth()
    }

    /// The sum of the series of a metric (`name{labels}`) whose labels include those given
    /// (every series also carries its `sync`), or 0 when absent.
    func metric(_ line: String) async -> Double {
        MetricsText.value(line, in: await serve.metricsText())
    }

    func stop() async {
        await serve.stop()
        await harness.stop()
    }

    /// Starts a harness, runs `body`, and always stops serve and the simulators.
    static func run(
        pairs: Int = 2, worker: Bool = false, editConfig: (String) -> String = { $0 }, configure: (inout ServeJob) -> Void = { _ in },
        _ body: (ServeHarness) async throws -> Void
    ) async throws {
        let serve = try await start(pairs: pairs, worker: worker, editConfig: editConfig, configure: configure)
        do {
            try await body(serve)
        } catch {
            await serve.stop()
            throw error
        }
        await serve.stop()
    }
}
