import Demo
import Foundation
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
    let statePath: String
    let directory: URL

    static func start(options: SimulatorOptions = SimulatorOptions()) async throws -> LiveHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var clientOptions = ClientOptions(sleeper: ImmediateSleeper())
        clientOptions.retry.maxAttempts = 8
        let sims = try await LiveSimulators.start(options: options, clientOptions: clientOptions)
        return LiveHarness(sims: sims, statePath: directory.appendingPathComponent("state.sqlite").path, directory: directory)
    }

    func reconcile(_ options: ReconcileOptions = ReconcileOptions(), config: MappingConfig? = nil) async throws -> RunReport {
        let store = try StateStore(path: statePath)
        let counter = Counter()
        return try await ReconcileJob(
            config: config ?? sims.config, store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway,
            options: options, newRecordId: { "rec-\(counter.next())" }
        ).run()
    }

    func stop() async {
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
}

/// A thread-safe counter for deterministic ids.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
