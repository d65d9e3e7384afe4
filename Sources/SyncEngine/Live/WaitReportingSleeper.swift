import Foundation
import SyncHTTP

/// A sleeper that tells the operator about long waits (rate-limit pacing and retry back-off)
/// before sleeping on its base; short waits pass silently.
public struct WaitReportingSleeper: Sleeper {
    let base: any Sleeper
    let threshold: Duration
    let report: @Sendable (String) -> Void

    /// Reports every wait of at least `threshold` through `report`, then sleeps on `base`.
    public init(base: any Sleeper = ContinuousSleeper(), threshold: Duration = .seconds(1), report: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.threshold = threshold
        self.report = report
    }

    /// The base's time.
    public func now() -> Duration { base.now() }

    /// Reports a long wait, then waits.
    public func sleep(for duration: Duration) async throws {
        if duration >= threshold {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            report("waiting \(String(format: "%.1f", seconds)) s (API rate limit or retry back-off)")
        }
        try await base.sleep(for: duration)
    }
}
