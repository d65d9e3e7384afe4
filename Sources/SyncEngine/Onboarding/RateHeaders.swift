import Foundation
import SyncHTTP
import Synchronization

/// The last `X-RateLimit-*` values GHL sent.
final class RateHeaders: Sendable {
    private let values = Mutex<[String: Int]>([:])

    func note(_ headers: HTTPHeaders) {
        var found: [String: Int] = [:]
        for name in ["X-RateLimit-Daily-Remaining", "X-RateLimit-Limit-Daily", "X-RateLimit-Max", "X-RateLimit-Interval-Milliseconds"] {
            if let value = headers[name].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) { found[name] = value }
        }
        guard !found.isEmpty else { return }
        values.withLock { $0.merge(found) { $1 } }
    }

    var snapshot: [String: Int] { values.withLock { $0 } }
}
