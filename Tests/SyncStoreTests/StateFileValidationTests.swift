import Foundation
import GRDB
import SyncCore
import Testing
import TestSupport
@testable import SyncStore

/// Issue 11 item 6: an existing state file is checked before fgsync writes anything to it.
@Suite(.serialized)
struct StateFileValidationTests {
    @Test func aZeroByteFileIsRefusedAndNotTreatedAsANewState() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .notAStateFile)
        #expect(error?.message.contains("0 bytes") == true)
        #expect(error?.message.contains("backup") == true)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0, "the file was written")
    }

    @Test func aStateFileWithDamagedPagesIsRefusedWithWhatToDo() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        do {
            let store = try SQLiteStateStore(path: path)
            for index in 0..<2_000 { try await store.setCursor("cursor-\(index)", String(repeating: "x", count: 200)) }
            try store.close()
        }
        // Scribble over the middle of the file (pages of the cursors table), as a bad disk would.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        let pageSize: UInt64 = 4096
        for page in stride(from: size / pageSize / 2, to: size / pageSize - 1, by: 7) {
            try handle.seek(toOffset: page * pageSize)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
        }
        try handle.close()
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .damaged)
        #expect(error?.message.contains("damaged") == true)
        #expect(error?.message.contains("backup") == true)
    }

    @Test func anotherApplicationsDatabaseIsRefusedBeforeAnyByteIsWritten() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("invoices.sqlite")
        try FileManager.default.copyItem(atPath: HostileCorpus.url("foreign-app.sqlite").path, toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .notAStateFile)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "fgsync wrote into another program's database")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anotherGRDBApplicationsDatabaseIsRefusedBeforeAnyByteIsWritten() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notes-app.sqlite")
        do {
            // Another GRDB application: it keeps a grdb_migrations table too, with its own migrations.
            let queue = try GRDB.DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('createNotes')")
                try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            }
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .notAStateFile)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "fgsync wrote into another program's database")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aReadOnlyStateFileIsReportedAsReadOnly() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        try SQLiteStateStore(path: path).close()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .readOnly)
        #expect(error?.message.contains("read-only") == true)
        #expect(error?.message.contains(path) == true)
        let readOnly = try SQLiteStateStore.openReadOnly(path: path)
        #expect(try await readOnly.schemaVersion() == StateSchema.currentVersion, "status and report can still read it")
    }

    @Test(arguments: [true, false])
    func aReadOnlyFolderIsReportedAsReadOnly(_ fileExists: Bool) throws {
        let directory = try TemporaryDirectory()
        let folder = directory.path("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/state.sqlite"
        if fileExists { try SQLiteStateStore(path: path).close() }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let error = #expect(throws: StoreError.self) { try SQLiteStateStore(path: path) }
        #expect(error?.code == .readOnly)
        #expect(error?.message.contains("folder") == true)
    }
}
