import Foundation
import Synchronization

/// What a delta pass's feeds delivered, tallied from their page callbacks (which may run on
/// any task, hence the lock): counts, the Fulcrum records the feed deleted (and not re-created
/// later in it), the highest feed position and the latest change time.
final class ChangeCollector: Sendable {
    private struct State {
        var total = 0
        var deleted: Set<String> = []
        var lastSequence: Int64?
        var latest: Date?
        var touched: Set<String> = []
    }

    private let state = Mutex(State())

    /// Counts `rows` more entries, up to feed position `sequence` or change time `latest`.
    func count(_ rows: Int, sequence: Int64? = nil, latest: Date? = nil) {
        state.withLock { state in
            state.total += rows
            if let sequence { state.lastSequence = max(state.lastSequence ?? sequence, sequence) }
            if let latest { state.latest = max(state.latest ?? latest, latest) }
        }
    }

    /// Notes a record the feed deleted.
    func deleted(_ id: String) { state.withLock { _ = $0.deleted.insert(id) } }
    /// Notes a record the feed holds live (again).
    func revived(_ id: String) { state.withLock { _ = $0.deleted.remove(id) } }

    /// Notes records the feed named (their pairs are planned).
    func touched(_ ids: some Sequence<String>) { state.withLock { $0.touched.formUnion(ids) } }
    /// Every record the feed named.
    var touchedIds: Set<String> { state.withLock { $0.touched } }

    /// Entries counted.
    var total: Int { state.withLock { $0.total } }
    /// The records deleted, sorted.
    var deletedIds: [String] { state.withLock { $0.deleted.sorted() } }
    /// The highest feed position seen.
    var lastSequence: Int64? { state.withLock { $0.lastSequence } }
    /// The latest change time seen.
    var latest: Date? { state.withLock { $0.latest } }
}
