import Foundation

/// A sliding-window request limiter keyed by resource (GHL location, Fulcrum token).
///
/// Keeps the timestamps of accepted requests in the window; reads simulated time so tests can
/// shrink or skip windows with `POST /_sim/clock`.
final class SlidingWindowLimiter: @unchecked Sendable {
    // @unchecked: `hits` is only touched under `lock`.
    private let lock = NSLock()
    private var hits: [String: [Int64]] = [:]
    let limit: Int
    let windowMillis: Int64

    init(limit: Int, windowMillis: Int64) {
        self.limit = limit
        self.windowMillis = windowMillis
    }

    /// Records a request if under the limit; returns whether it was allowed and what remains.
    func acquire(key: String, now: Int64) -> (allowed: Bool, remaining: Int) {
        lock.lock()
        defer { lock.unlock() }
        var list = hits[key, default: []].filter { $0 > now - windowMillis }
        guard list.count < limit else {
            hits[key] = list
            return (false, 0)
        }
        list.append(now)
        hits[key] = list
        return (true, limit - list.count)
    }

    /// Remaining allowance without consuming any.
    func remaining(key: String, now: Int64) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let count = hits[key, default: []].filter { $0 > now - windowMillis }.count
        return max(0, limit - count)
    }

    func reset() {
        lock.lock()
        defer { lock.unlock() }
        hits = [:]
    }
}
