import Synchronization
import SyncEngine

/// Records collected from the pages a gateway hands to a `@Sendable` callback.
final class Collected: Sendable {
    private let stored = Mutex<[RawRecord]>([])

    /// Adds a page.
    func append(_ page: [RawRecord]) { stored.withLock { $0 += page } }
    /// Everything collected so far, in page order.
    var items: [RawRecord] { stored.withLock { $0 } }
    /// How many records were collected.
    var count: Int { stored.withLock { $0.count } }
}
