import Foundation
import GRDB
import SyncCore
import Testing
@testable import SyncStore

/// Rows are decoded by column name: a table rebuilt with its columns in another order (as a
/// migration that copies a table into a new shape does) reads back exactly the same values.
struct ColumnOrderTests {
    /// Rebuilds `table` with its columns in reverse order, through a separate connection.
    static func reverseColumns(of table: String, in path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { row -> String in row["name"] }
            try db.execute(sql: "CREATE TABLE reordered AS SELECT \(columns.reversed().joined(separator: ", ")) FROM \(table)")
            try db.execute(sql: "DROP TABLE \(table)")
            try db.execute(sql: "ALTER TABLE reordered RENAME TO \(table)")
        }
    }

    /// What the store reads back of a run, its journal and its conflicts.
    static func readBack(_ store: SQLiteStateStore, runId: Int64) async throws -> String {
        let run = try await store.run(runId)
        let journal = try await store.journal(runId: runId)
        let pending = try await store.pendingJournal()
        let conflicts = try await store.conflicts(runId: runId)
        return "\(run as Any) \(journal) \(pending) \(conflicts)"
    }

    @Test(arguments: ["journal", "runs", "conflicts"])
    func rowsReadBackTheSameAfterTheirTableIsRebuiltWithItsColumnsInAnotherOrder(table: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        let runId: Int64
        let before: String
        do {
            let store = try await Fixtures.store(in: directory)
            runId = try await store.startRun(kind: "reconcile", mode: "apply")
            let operation = SyncCore.Operation(
                side: .ghl, kind: .update, fulcrumId: "f1", contactId: "c1", fields: ["email": Fixtures.value("ada@example.com")])
            let entries = try await store.appendJournal(runId: runId, operations: [operation, operation])
            try await store.failJournal(entries[0].id, error: "GHL answered 500")
            try await store.recordConflicts(
                [Conflict(fulcrumId: "f1", contactId: "c1", field: "email", base: nil, fulcrum: Fixtures.value("a@x.com"),
                          ghl: Fixtures.value("b@x.com"), fulcrumUpdatedAt: Fixtures.epoch, ghlUpdatedAt: nil, winner: .fulcrum, rule: "newest")],
                runId: runId)
            try await store.finishRun(runId, outcome: "failed", counts: ["failed": 1])
            before = try await Self.readBack(store, runId: runId)
        }

        try Self.reverseColumns(of: table, in: path)

        let reopened = try await Fixtures.store(in: directory)
        let after = try await Self.readBack(reopened, runId: runId)
        #expect(after == before)
    }
}
