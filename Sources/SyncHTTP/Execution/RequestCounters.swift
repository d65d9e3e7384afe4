import Foundation

/// Thread-safe, shared counters of what a client sent and what came back.
///
/// One instance per client (or shared between clients to count a whole run); read with
/// `snapshot()`.
public final class RequestCounters: @unchecked Sendable {
    // @unchecked: `stats` is only read and written under `lock`.
    private var stats = RequestStats()
    private let lock = NSLock()

    /// Creates zeroed counters.
    public init() {}

    /// The counts so far.
    public func snapshot() -> RequestStats {
        lock.lock()
        defer { lock.unlock() }
        return stats
    }

    /// Applies a change under the lock.
    func update(_ change: (inout RequestStats) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&stats)
    }

    /// Counts one response by its status.
    func record(status: Int) {
        update {
            switch status {
            case 200..<300: $0.succeeded += 1
            case 401: $0.unauthorized += 1
            case 429: $0.rateLimited += 1
            case 500...: $0.serverErrors += 1
            default: $0.clientErrors += 1
            }
        }
    }

    /// Counts one failed exchange.
    func record(_ error: TransportError) {
        update {
            if error.kind == .timeout { $0.timeouts += 1 } else { $0.transportErrors += 1 }
        }
    }

    /// Counts one OAuth refresh.
    public func recordTokenRefresh() {
        update { $0.tokenRefreshes += 1 }
    }
}
