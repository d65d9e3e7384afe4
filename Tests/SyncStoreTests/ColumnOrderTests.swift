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
    static func readBack(_ store: StateStore, runId: Int64) throws -> String {
        "\(try store.run(runId) as Any) \(try store.journal(runId: runId)) \(try store.pendingJournal()) \(try store.conflicts(runId: runId))"
    }

    @Test(arguments: ["journal", "runs", "conflicts"])
    func rowsReadBackTheSameAfterTheirTableIsRebuiltWithItsColumnsInAnotherOrder(table: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        let runId: Int64
        let before: String
        do {
            let store = try Fixtures.store(in: directory)
            runId = try store.startRun(kind: "reconcile", mode: "apply")
            let operation = SyncCore.Operation(
                side: .ghl, kind: .update, fulcrumId: "f1", contactId: "c1", fields: ["email": Fixtures.value("ada@example.com")])
            let entries = try store.appendJournal(runId: runId, operations: [operation, operation])
            try store.failJournal(entries[0].id, error: "GHL answered 500")
            try store.recordConflicts(
                [Conflict(fulcrumId: "f1", contactId: "c1", field: "email", base: nil, fulcrum: Fixtures.value("a@x.com"),
                          ghl: Fixtures.value("b@x.com"), fulcrumUpdatedAt: Fixtures.epoch, ghlUpdatedAt: nil, winner: .fulcrum, rule: "newest")],
                runId: runId)
            try store.finishRun(runId, outcome: "failed", counts: ["failed": 1])
            before = try Self.readBack(store, runId: runId)
        }

        try Self.reverseColumns(of: table, in: path)

        let reopened = try Fixtures.store(in: directory)
        #expect(try Self.readBack(reopened, runId: runId) == before)
    }
}
