import Demo
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Simulators
import SyncCore
import SyncEngine
import SyncServer
import SyncStore
import Testing

/// One real `fgsync serve` for a `syncs:` config of several syncs, each its own simulator
/// cluster (a GHL location and a Fulcrum form of their own, own tokens), after each sync's
/// first full reconcile; every cluster delivers its webhooks to the one serve.
///
/// Workers and timers are off: a test delivers (`deliver()`) and drains (`serve.drain()`).
struct ManySyncServeHarness {
    /// Each sync's simulators, in config order.
    let harnesses: [LiveHarness]
    let names: [String]
    let serve: RunningServe
    let configPath: String
    let set: SyncSet

    /// The location and form ids of sync `index`.
    static func options(_ index: Int) -> SimulatorOptions {
        var options = SimulatorOptions()
        options.ghl.locationId = "loc\(index)SyncAgencyLocation"
        options.fulcrum.formId = "0000000\(index)-5b1d-4c8e-9a7f-0d2e1b3c4a5f"
        return options
    }

    /// Every sync's tokens (`FULCRUM_TOKEN_N`, `GHL_TOKEN_N`) and the shared Fulcrum secret.
    static func environment(_ harnesses: [LiveHarness]) -> [String: String] {
        var environment = ["FGSYNC_FULCRUM_WEBHOOK_SECRET": ServeHarness.secret]
        for (index, harness) in harnesses.enumerated() {
            environment["FULCRUM_TOKEN_\(index + 1)"] = harness.sims.summary.fulcrum.token
            environment["GHL_TOKEN_\(index + 1)"] = harness.sims.summary.ghl.token
        }
        return environment
    }

    /// The `syncs:` config of the clusters: each entry the cluster's single-sync config, with
    /// token variables of its own.
    static func configYAML(_ harnesses: [LiveHarness], names: [String], edit: (Int, String) -> String) -> String {
        var text = "syncs:\n"
        for (index, harness) in harnesses.enumerated() {
            let single = edit(index, harness.sims.summary.fgsyncConfigYAML())
                .replacingOccurrences(of: "token_env: FULCRUM_TOKEN\n", with: "token_env: FULCRUM_TOKEN_\(index + 1)\n")
                .replacingOccurrences(of: "token_env: GHL_TOKEN\n", with: "token_env: GHL_TOKEN_\(index + 1)\n")
            text += "  - name: \(names[index])\n"
            text += single.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            text += "\n"
        }
        return text
    }

    /// Starts `names.count` clusters of `pairs` linked people, reconciles each sync once and
    /// starts serve on them. `edit` changes sync N's YAML; `environment` what serve reads;
    /// `shared` is added to what both the first reconciles and serve read (`state.url_env`).
    static func start(
        names: [String] = ["north", "south", "east"], pairs: Int = 2, edit: (Int, String) -> String = { $1 },
        reconciled: (String) -> Bool = { _ in true }, topLevel: String = "", shared: [String: String] = [:],
        environment: ([String: String]) -> [String: String] = { $0 }, configure: (inout ServeJob) -> Void = { _ in }
    ) async throws -> ManySyncServeHarness {
        var harnesses: [LiveHarness] = []
        for index in names.indices {
            let harness = try await LiveHarness.start(options: options(index + 1))
            harnesses.append(harness)
            await LiveSeeds.pairs(harness, count: pairs)
        }
        let configPath = harnesses[0].directory.appendingPathComponent("fgsync.yml").path
        try (configYAML(harnesses, names: names, edit: edit) + topLevel).write(toFile: configPath, atomically: true, encoding: .utf8)
        let set = try SyncSet.load(contentsOf: URL(fileURLWithPath: configPath))
        for name in names where reconciled(name) {
            var first = ReconcileRun(
                configPath: configPath, sync: name, statePath: set.statePath(for: name, configPath: configPath, stateOption: nil),
                options: ReconcileOptions())
            first.environment = Self.environment(harnesses).merging(shared) { $1 }
            first.clientOptions = LiveHarness.clientOptions()
            let report = try await first.run { _ in }
            #expect(report.outcome == "ok", "\(name)'s first reconcile: \(report.failed)")
        }
        var job = ServeJob(configPath: configPath, statePath: nil)
        job.port = 0
        job.environment = environment(Self.environment(harnesses).merging(shared) { $1 })
        job.clientOptions = LiveHarness.clientOptions()
        job.pollTimer = false
        job.inboxWorker = false
        let clock = harnesses[0].sims.cluster.clock
        job.now = { clock.now() }
        configure(&job)
        let serve = try await job.start()
        for harness in harnesses {
            harness.sims.cluster.ghl.addWebhookTarget(serve.url + "/webhooks/ghl")
            try await ServeHarness.registerFulcrumWebhook(harness, url: serve.url + "/webhooks/fulcrum/" + ServeHarness.secret)
        }
        return ManySyncServeHarness(harnesses: harnesses, names: names, serve: serve, configPath: configPath, set: set)
    }

    /// Starts the harness, runs `body`, and always stops serve and every cluster.
    static func run(
        names: [String] = ["north", "south", "east"], pairs: Int = 2, edit: (Int, String) -> String = { $1 },
        reconciled: (String) -> Bool = { _ in true }, topLevel: String = "", shared: [String: String] = [:],
        environment: ([String: String]) -> [String: String] = { $0 }, configure: (inout ServeJob) -> Void = { _ in },
        _ body: (ManySyncServeHarness) async throws -> Void
    ) async throws {
        let serve = try await start(
            names: names, pairs: pairs, edit: edit, reconciled: reconciled, topLevel: topLevel, shared: shared, environment: environment,
            configure: configure)
        do {
            try await body(serve)
        } catch {
            await serve.stop()
            throw error
        }
        await serve.stop()
    }

    /// Delivers every webhook every cluster has queued; each POST returns after serve answered.
    func deliver() async {
        for harness in harnesses {
            await harness.sims.cluster.ghl.webhooks.drain()
            await harness.sims.cluster.fulcrum.webhooks.drain()
        }
    }

    /// The state file of sync `name`.
    func statePath(_ name: String) -> String { set.statePath(for: name, configPath: configPath, stateOption: nil) }

    /// The sum of a metric's series whose labels include those given.
    func metric(_ query: String) async -> Double { MetricsText.value(query, in: await serve.metricsText()) }

    /// GETs a path; returns status and body text.
    func get(_ path: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: serve.url + path)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    func stop() async {
        await serve.stop()
        for harness in harnesses { await harness.stop() }
    }
}
