import Foundation
import Synchronization

/// What a delta pass's feeds delivered, gathered from their page callbacks (which may run on
/// any task, hence the lock): the latest entry of each Fulcrum record, and counts and the latest
/// time seen.
final class ChangeCollector: Sendable {
    private struct State {
        var byId: [String: RecordChange] = [:]
        var lastSequence: Int64?
        var total = 0
        var latest: Date?
    }

    private let state = Mutex(State())

    /// Adds a page of the change feed; a later entry of a record replaces an earlier one.
    func add(_ page: [RecordChange]) {
        state.withLock { state in
            for change in page {
                state.byId[change.record.id] = change
                if let sequence = change.sequence { state.lastSequence = max(state.lastSequence ?? sequence, sequence) }
            }
        }
    }

    /// Counts `rows` more, the latest of which changed at `latest`.
    func count(_ rows: Int, latest: Date?) {
        state.withLock { state in
            state.total += rows
            if let latest { state.latest = max(state.latest ?? latest, latest) }
        }
    }

    /// The latest entry of each record, by id.
    var changes: [RecordChange] { state.withLock { $0.byId.values.sorted { $0.record.id < $1.record.id } } }
    /// The highest feed position seen.
    var lastSequence: Int64? { state.withLock { $0.lastSequence } }
    /// Rows counted.
    var total: Int { state.withLock { $0.total } }
    /// The latest change time counted.
    var latest: Date? { state.withLock { $0.latest } }
}
