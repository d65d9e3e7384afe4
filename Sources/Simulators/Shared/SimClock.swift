import Foundation

/// Simulated time for both simulators.
///
/// Token expiry, rate windows, search lag and webhook retries all read this clock, so tests can
/// advance time (`POST /_sim/clock`) instead of sleeping. In wall mode it is real time plus an
/// offset; in fixed mode it starts at a given instant and moves only by `advance` and by an
/// optional tick per reading (so successive writes get distinct, increasing timestamps).
public final class SimClock: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var fixedMillis: Int64?
    private var offsetMillis: Int64 = 0
    private let tickMillis: Int64

    /// Wall-clock mode (real time, advanceable by an offset).
    public init() {
        self.fixedMillis = nil
        self.tickMillis = 0
    }

    /// Fixed mode: starts at `start` and moves `tickMillis` per reading.
    public init(start: Date, tickMillis: Int64 = 1) {
        self.fixedMillis = Int64((start.timeIntervalSince1970 * 1000).rounded())
        self.tickMillis = tickMillis
    }

    /// Current simulated time in epoch milliseconds.
    public func nowMillis() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if let fixed = fixedMillis {
            fixedMillis = fixed + tickMillis
            return fixed
        }
        return Int64((Date().timeIntervalSince1970 * 1000).rounded()) + offsetMillis
    }

    /// Current simulated time.
    public func now() -> Date { Date(timeIntervalSince1970: Double(nowMillis()) / 1000) }

    /// Moves simulated time forward.
    public func advance(millis: Int64) {
        lock.lock()
        defer { lock.unlock() }
        if let fixed = fixedMillis {
            fixedMillis = fixed + millis
        } else {
            offsetMillis += millis
        }
    }
}
