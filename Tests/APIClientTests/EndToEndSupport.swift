import Foundation
import TestSupport
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncHTTP

/// Both simulators on loopback ports, a real `AsyncHTTPTransport`, and a sleeper tied to the
/// simulators' clock (sleeping advances simulated time: no real waits).
struct Loopback {
    let cluster: SimulatorCluster
    let summary: SimulatorSummary
    let transport: AsyncHTTPTransport
    let sleeper: SimClockSleeper

    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// Starts the cluster, runs `body`, and always stops everything.
    static func run(
        configure: (inout SimulatorOptions) -> Void = { _ in },
        _ body: (Loopback) async throws -> Void
    ) async throws {
        var options = SimulatorOptions()
        let clock = SimClock(start: start, tickMillis: 0)
        options.clock = clock
        configure(&options)
        let cluster = await SimulatorCluster(options: options)
        let summary = try await cluster.start()
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(2))
        let loopback = Loopback(
            cluster: cluster, summary: summary, transport: transport, sleeper: SimClockSleeper(clock: clock))
        let outcome: Result<Void, any Error>
        do {
            try await body(loopback)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()
        await cluster.stop()
        try outcome.get()
    }

    func options(retry: SyncHTTP.RetryPolicy = SyncHTTP.RetryPolicy(), logs: LogCapture? = nil)
        -> ClientOptions
    {
        var options = testOptions(retry: retry, logs: logs)
        options.sleeper = sleeper
        return options
    }

    func fulcrum(_ options: ClientOptions? = nil) -> FulcrumClient {
        FulcrumClient(
            baseURL: URL(string: summary.fulcrum.url)!, token: summary.fulcrum.token, transport: transport,
            options: options ?? self.options())
    }

    func ghl(_ options: ClientOptions? = nil) -> HighLevelClient {
        HighLevelClient(
            baseURL: URL(string: summary.ghl.url)!, locationId: summary.ghl.locationId,
            auth: .privateToken(summary.ghl.token), transport: transport, options: options ?? self.options())
    }
}

/// A `Sleeper` on simulated time: `sleep` advances the simulators' clock instead of waiting.
struct SimClockSleeper: Sleeper {
    let clock: SimClock
    let origin: Int64

    init(clock: SimClock) {
        self.clock = clock
        self.origin = clock.nowMillis()
    }

    func now() -> Duration { .milliseconds(clock.nowMillis() - origin) }

    /// Moves the clock to this sleeper's wake time (unless another sleeper already moved it
    /// further), so concurrent sleeps overlap as they would in real time instead of adding up.
    func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        guard millis > 0 else { return }
        let wake = clock.nowMillis() + millis
        await Task.yield()
        let now = clock.nowMillis()
        if wake > now { clock.advance(millis: wake - now) }
    }
}
