/// Tells monotonic time and waits: the clock that retries, pacing and budgets use.
///
/// Injected so tests run without real sleeps: a test sleeper records each requested delay and
/// advances its own time instead of waiting.
public protocol Sleeper: Sendable {
    /// Monotonic time elapsed since an arbitrary fixed origin.
    func now() -> Duration
    /// Waits for `duration` (throws `CancellationError` when the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`.
public struct ContinuousSleeper: Sleeper {
    /// The origin `now()` counts from.
    let origin: ContinuousClock.Instant

    /// Creates a sleeper whose origin is the moment of creation.
    public init() {
        origin = ContinuousClock.now
    }

    /// Time since creation.
    public func now() -> Duration {
        ContinuousClock.now - origin
    }

    /// Sleeps on `ContinuousClock`; returns at once for zero or negative durations.
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration, clock: .continuous)
    }
}
