import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Synchronization

/// Retries and pacing in tests wait no real time: sleeping advances a virtual clock.
final class ImmediateSleeper: Sleeper {
    private let elapsed = Mutex(Duration.zero)
    func now() -> Duration { elapsed.withLock { $0 } }
    func sleep(for duration: Duration) async throws { elapsed.withLock { $0 += max(duration, .zero) } }
}

/// Simulators on loopback, a state file in a temp directory, and a way to run reconciles.
struct LiveHarness {
    let sims: LiveSimulators
    /// The Fulcrum side the reconciles use (the simulator's client unless replaced).
    var fulcrumGateway: any FulcrumGateway
    let statePath: String
    let directory: URL
    /// The mapping resolved against the simulators, to project what they hold as the engine does.
    let mapping: ResolvedMapping
    /// The GHL side the reconciles use (the simulator's private token unless replaced, e.g. by OAuth).
    var ghlGateway: any GHLGateway
    /// Ids for the Fulcrum records the engine creates, unique across the harness's runs.
    let recordIds = Counter()
    /// A transport the harness opened for a replaced gateway, shut down by `stop()`.
    var extraTransport: AsyncHTTPTransport?

    static func start(options: SimulatorOptions = SimulatorOptions(), sleeper: (any Sleeper)? = nil) async throws -> LiveHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var clientOptions = clientOptions()
        if let sleeper { clientOptions.sleeper = sleeper }
        let sims = try await LiveSimulators.start(options: options, clientOptions: clientOptions)
        let mapping = try ResolvedMapping(
            config: sims.config, form: FormDefinition(json: try await sims.fulcrumGateway.form()),
            ghlCustomFields: try await sims.ghlGateway.customFields())
        return LiveHarness(
            sims: sims, fulcrumGateway: sims.fulcrumGateway, statePath: directory.appendingPathComponent("state.sqlite").path, directory: directory,
            mapping: mapping, ghlGateway: sims.ghlGateway)
    }

    /// Starts a harness, runs `body`, and always stops the simulators and removes the state.
    static func run(
        options: SimulatorOptions = SimulatorOptions(), sleeper: (any Sleeper)? = nil,
        _ body: (inout LiveHarness) async throws -> Void
    ) async throws {
        var harness = try await start(options: options, sleeper: sleeper)
        do {
            try await body(&harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// Client options for tests: no real waits, enough attempts to ride out injected faults.
    static func clientOptions() -> ClientOptions {
        var clientOptions = ClientOptions(sleeper: ImmediateSleeper(), jitter: SeededJitter(seed: 7))
        clientOptions.retry.maxAttempts = 8
        return clientOptions
    }

    func reconcile(
        _ options: ReconcileOptions = ReconcileOptions(), config: MappingConfig? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> RunReport {
        // The state file keeps time on the simulators' clock, so a test that advances it also
        // moves the engine's idea of "now" (e.g. past GHL's search-lag window).
        let clock = sims.cluster.options.clock
        let store = try SQLiteStateStore(path: statePath, clock: StoreClock { clock.now() })
        let counter = recordIds
        return try await ReconcileJob(
            config: config ?? sims.config, store: store, fulcrum: fulcrumGateway, ghl: ghlGateway,
            options: options, log: log, newRecordId: { "rec-\(counter.next())" }
        ).run()
    }

    func stop() async {
        try? await extraTransport?.shutdown()
        await sims.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// GHL contacts as the simulator holds them, by id.
    func contacts() async -> [GHLContact] { await sims.cluster.ghl.store.allContacts() }

    /// Fulcrum records as the simulator holds them.
    func records() async -> [FulcrumRecord] { await sims.cluster.fulcrum.store.allRecords() }

    /// Write requests (anything but reads and searches) both simulators have answered.
    func writeCount() -> Int {
        let (fulcrum, ghl) = stats()
        return [fulcrum, ghl].reduce(0) { total, stats in
            total + (stats["byRoute"]?.objectValue ?? [:]).reduce(0) { sum, entry in
                let read = entry.key.hasPrefix("GET ") || entry.key == "POST /contacts/search" || entry.key.contains("/_sim/")
                return sum + (read ? 0 : (entry.value.intValue ?? 0))
            }
        }
    }

    /// Request counts by method and route, from `/_sim/stats` of each simulator.
    func stats() -> (fulcrum: JSONValue, ghl: JSONValue) {
        (sims.cluster.fulcrum.statsSnapshot(), sims.cluster.ghl.statsSnapshot())
    }

    /// Moves both simulators' shared clock forward (what `POST /_sim/clock` does).
    func advanceClock(seconds: Int64) {
        sims.cluster.options.clock.advance(millis: seconds * 1_000)
    }
}

/// Pacing and backoff on the simulators' clock: sleeping advances simulated time, so rate
/// windows pass without real waits.
struct SimClockSleeper: Sleeper {
    let clock: SimClock
    let origin: Int64

    init(clock: SimClock) {
        self.clock = clock
        origin = clock.nowMillis()
    }

    func now() -> Duration { .milliseconds(clock.nowMillis() - origin) }

    func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        if millis > 0 { clock.advance(millis: millis) }
    }
}

/// A thread-safe counter for deterministic ids.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
