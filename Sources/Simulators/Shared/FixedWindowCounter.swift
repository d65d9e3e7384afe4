import Foundation

/// A fixed-window counter (e.g. per UTC day) for limits too large for a sliding log.
final class FixedWindowCounter: @unchecked Sendable {
    // @unchecked: `counts` is only touched under `lock`.
    private let lock = NSLock()
    private var counts: [String: (window: Int64, count: Int)] = [:]
    let limit: Int
    let windowMillis: Int64

    init(limit: Int, windowMillis: Int64) {
        self.limit = limit
        self.windowMillis = windowMillis
    }

    func acquire(key: String, now: Int64) -> (allowed: Bool, remaining: Int) {
        lock.lock()
        defer { lock.unlock() }
        let window = now / windowMillis
        var entry = counts[key] ?? (window, 0)
        if entry.window != window { entry = (window, 0) }
        guard entry.count < limit else {
            counts[key] = entry
            return (false, 0)
        }
        entry.count += 1
        counts[key] = entry
        return (true, limit - entry.count)
    }

    func remaining(key: String, now: Int64) -> Int {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = counts[key], entry.window == now / windowMillis else { return limit }
        return max(0, limit - entry.count)
    }

    func reset() {
        lock.lock()
        defer { lock.unlock() }
        counts = [:]
    }
}
