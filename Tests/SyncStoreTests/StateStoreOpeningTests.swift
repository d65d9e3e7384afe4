import Foundation
import SyncCore
import Testing
@testable import SyncStore

struct StateStoreOpeningTests {
    @Test func migrationsApplyOnANewFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        #expect(try await store.schemaVersion() == StateSchema.currentVersion)
        #expect(try store.rawValue("SELECT value FROM meta WHERE key = 'schema'") == "fgsync-state")
        for table in ["fulcrum_records", "ghl_contacts", "links", "base", "meta", "runs", "conflicts", "audit",
                      "journal", "cursors", "webhook_inbox", "snapshots"] {
            #expect(try store.rawValue("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '\(table)'") == table)
        }
    }

    @Test func walModeIsOn() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        #expect(try store.rawValue("PRAGMA journal_mode") == "wal")
        #expect(try store.rawValue("PRAGMA foreign_keys") == "1")
        #expect(try store.rawValue("PRAGMA synchronous") == "1")  // NORMAL
    }

    @Test func reopeningAFileKeepsItsDataAndVersion() async throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try await Fixtures.store(in: directory)
            try await store.setCursor("ghl.searchAfter", "[1764003536678,\"abc\"]")
            try store.close()
        }
        let reopened = try await Fixtures.store(in: directory)
        #expect(try await reopened.cursor("ghl.searchAfter") == "[1764003536678,\"abc\"]")
        #expect(try await reopened.schemaVersion() == StateSchema.currentVersion)
    }

    @Test func reopeningAnOldFileUpgradesItInPlace() async throws {
        // An empty SQLite file stands for the oldest format (no migration applied yet): opening
        // it must migrate the same file, not replace it.
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        do {
            let store = try SQLiteStateStore(path: path)
            try store.executeRawSQL("DROP TABLE IF EXISTS grdb_migrations")
            for table in StateSchemaTables.all { try store.executeRawSQL("DROP TABLE \(table)") }
            try store.close()
        }
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.schemaVersion() == StateSchema.currentVersion)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == inode)
    }

    @Test func aFileFromANewerFgsyncIsRefusedWithAClearMessage() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("newer.sqlite")
        do {
            let store = try SQLiteStateStore(path: path)
            try store.executeRawSQL("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            try store.close()
        }
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .newerFormat)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("newer fgsync") == true)
        #expect(error?.message.contains("Upgrade fgsync") == true)
    }

    @Test func aFileThatIsNotADatabaseIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .notAStateFile)
        #expect(error?.message.contains(path) == true)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAlone() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        do {
            let store = try SQLiteStateStore(path: path)
            try store.executeRawSQL("DROP TABLE grdb_migrations")
            for table in StateSchemaTables.all { try store.executeRawSQL("DROP TABLE \(table)") }
            try store.executeRawSQL("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
            try store.close()
        }
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .notAStateFile)
    }

    @Test func aMissingFolderIsReportedAsCannotOpen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing/folder/state.sqlite")
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.message.contains(path) == true)
    }
}

/// The v1 and v2 tables, children before parents so they can be dropped in order.
enum StateSchemaTables {
    static let all = [
        "decisions", "run_reports", "base", "links", "conflicts", "audit", "journal", "runs", "fulcrum_records", "ghl_contacts", "snapshots",
        "meta", "cursors", "webhook_inbox", "ghl_children", "child_base", "raw_dictionaries",
    ]
}
