import Foundation

/// Counts requests by `METHOD /route/template` and by status, for `GET /_sim/stats`.
final class StatsRecorder: @unchecked Sendable {
    // @unchecked: the dictionaries are only touched under `lock`.
    private let lock = NSLock()
    private var byRoute: [String: Int] = [:]
    private var byStatus: [String: Int] = [:]
    private var total = 0

    func record(route: String, status: Int) {
        lock.lock()
        defer { lock.unlock() }
        byRoute[route, default: 0] += 1
        byStatus[String(status), default: 0] += 1
        total += 1
    }

    func reset() {
        lock.lock()
        defer { lock.unlock() }
        byRoute = [:]
        byStatus = [:]
        total = 0
    }

    func snapshot() -> JSONValue {
        lock.lock()
        defer { lock.unlock() }
        return [
            "total": .int(total),
            "byRoute": .object(byRoute.mapValues { .int($0) }),
            "byStatus": .object(byStatus.mapValues { .int($0) }),
        ]
    }

    /// Count for one `METHOD template` key.
    func count(_ route: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return byRoute[route] ?? 0
    }
}
