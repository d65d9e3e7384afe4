import Foundation
import SyncCore
import SyncReports
import SyncStore
import Testing

/// `ConflictsJob.page`: one count and one page of open conflicts, read from a real state file,
/// as the console's conflicts page reads them every few seconds.
@Suite struct ConflictPagesTests {
    /// A state file holding `count` open manual conflicts (one field each of its own pair).
    static func store(conflicts count: Int) async throws -> (SQLiteStateStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStateStore(path: directory.appendingPathComponent("state.sqlite").path)
        let conflicts = (0..<count).map { index in
            Conflict(
                fulcrumId: "f-\(index)", contactId: "c-\(index)", field: "email", base: nil,
                fulcrum: FieldValue(canonical: "a\(index)@x.com", text: "a\(index)@x.com"),
                ghl: FieldValue(canonical: "b\(index)@x.com", text: "b\(index)@x.com"),
                fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: nil, rule: "manual")
        }
        try await store.recordConflicts(conflicts, runId: nil)
        return (store, directory)
    }

    @Test(arguments: [
        // conflicts, page asked, rows on it, the page shown, pages in all
        (120, 1, 50, 1, 3), (120, 2, 50, 2, 3), (120, 3, 20, 3, 3), (120, 9, 20, 3, 3), (120, 0, 50, 1, 3),
        (10, 1, 10, 1, 1), (0, 1, 0, 1, 1), (100, 2, 50, 2, 2),
    ])
    func aPageHoldsAtMostItsSizeAndTheCountCoversEveryPage(total: Int, asked: Int, rows: Int, shown: Int, pages: Int) async throws {
        let (store, directory) = try await Self.store(conflicts: total)
        defer { try? FileManager.default.removeItem(at: directory) }

        let page = try await ConflictsJob.page(asked, size: 50, store: store)

        #expect(page.entries.count == rows)
        #expect(page.total == total)
        #expect(page.number == shown)
        #expect(page.pages == pages)
        let all = try await store.openConflicts().map(\.id)
        #expect(page.entries.map(\.id) == Array(all.dropFirst((shown - 1) * 50).prefix(50)), "oldest first, no gap, no overlap")
    }

    @Test func olderOpenRecordsOfAFieldAreNeitherCountedNorListed() async throws {
        let (store, directory) = try await Self.store(conflicts: 3)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A file from before re-detected conflicts kept their row: the same field, met again with new values.
        let again = Conflict(
            fulcrumId: "f-1", contactId: "c-1", field: "email", base: nil,
            fulcrum: FieldValue(canonical: "new@x.com", text: "new@x.com"), ghl: FieldValue(canonical: "b1@x.com", text: "b1@x.com"),
            fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: nil, rule: "manual")
        try await store.recordConflicts([again], runId: nil)

        let page = try await ConflictsJob.page(1, size: 50, store: store)

        #expect(page.total == 3)
        #expect(page.entries.map(\.fulcrumId) == ["f-0", "f-2", "f-1"])
        #expect(page.entries.last?.fulcrum == "new@x.com")
        #expect(try await store.openConflictCount() == 3)
    }
}
