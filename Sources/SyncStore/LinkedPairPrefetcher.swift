import Foundation
import SyncCore

/// Reads and decodes the next batches of linked pairs on a background thread while the caller
/// plans the current one, so SQLite and decoding overlap with planning on a second core.
///
/// At most `depth` batches wait in memory, so memory stays constant however many pairs there
/// are. The producer stops early when the consumer goes away (`cancel`).
// @unchecked Sendable: all mutable state is guarded by `condition`.
final class LinkedPairPrefetcher: @unchecked Sendable {
    typealias Batch = [(PairBase, RecordState?, RecordState?)]

    private let condition = NSCondition()
    private var ready: [Batch] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let depth: Int

    init(store: StateStore, batchSize: Int, depth: Int = 2) {
        self.depth = depth
        let thread = Thread { [self] in produce(store: store, batchSize: batchSize) }
        thread.name = "fgsync.store.prefetch"
        thread.start()
    }

    /// The next batch, or `nil` after the last one; rethrows a read failure.
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty {
            let batch = ready.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer after its current batch.
    func cancel() {
        condition.lock()
        cancelled = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func produce(store: StateStore, batchSize: Int) {
        var decoder = ProjectionDecoder()
        var after: String?
        do {
            while true {
                let batch = try store.read("read linked pairs") { db in
                    try StateStore.fetchPairs(db, after: after, limit: batchSize, decoder: &decoder)
                }
                let done = batch.count < batchSize
                after = batch.last?.0.fulcrumId
                condition.lock()
                while ready.count >= depth && !cancelled { condition.wait() }
                if cancelled {
                    condition.unlock()
                    return
                }
                if !batch.isEmpty { ready.append(batch) }
                if done { finished = true }
                condition.broadcast()
                condition.unlock()
                if done { return }
            }
        } catch {
            condition.lock()
            failure = error
            finished = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
