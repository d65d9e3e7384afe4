import Foundation
import GRDB
import SyncCore

/// Writes that commit together or not at all: one SQLite transaction of the state file.
///
/// Obtained from `SQLiteStateStore.transaction(_:)` and valid only inside its closure (do not keep
/// it). This is how the propagator keeps Unison's invariant: a journal entry becomes `done` in
/// the same transaction that advances the pair's base and mirrors, so the base never records a
/// write that did not complete. If the closure throws, nothing it wrote is kept.
public struct StoreTransaction {
    let db: Database
    let store: SQLiteStateStore

    var now: Date { store.clock.now() }
    var path: String { store.path }
}

extension SQLiteStateStore {
    /// Runs `body` in one write transaction: everything it writes commits together, or, if it
    /// throws, nothing does (the error is rethrown as thrown).
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await write("write a transaction", body)
    }
}
