import Foundation
import SyncCore
import Testing
@testable import SyncStore

struct ReportsAndDecisionsTests {
    func manualConflict(_ fulcrumId: String = "f1") -> Conflict {
        Conflict(
            fulcrumId: fulcrumId, contactId: "c-\(fulcrumId)", field: "email", base: Fixtures.value("a@x.com"),
            fulcrum: Fixtures.value("b@x.com"), ghl: Fixtures.value("c@x.com"), fulcrumUpdatedAt: Fixtures.epoch,
            ghlUpdatedAt: nil, winner: nil, rule: "manual")
    }

    @Test func aRunsReportIsStoredAndReadBack() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "dry-run")
        try await store.finishRun(run, outcome: "dry-run")
        #expect(try await store.lastReportedRunId() == nil)
        try await store.saveRunReport(runId: run, json: Data(#"{"runId":1}"#.utf8))
        try await store.saveRunReport(runId: run, json: Data(#"{"runId":1,"again":true}"#.utf8))
        #expect(try await store.runReport(runId: run).map { String(decoding: $0, as: UTF8.self) } == #"{"runId":1,"again":true}"#)
        #expect(try await store.lastReportedRunId() == run)
        #expect(try await store.runReport(runId: 99) == nil)
        #expect(try await store.recentRuns().map(\.id) == [run])
    }

    @Test func aDecisionResolvesTheConflictAndWaitsForARun() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        try await store.recordConflicts([manualConflict("f1"), manualConflict("f2")], runId: run)
        let open = try await store.openConflicts()
        #expect(open.count == 2)
        let decided = try await store.recordDecision(conflictId: open[0].id, choice: .value(Fixtures.value("d@x.com")))
        #expect(decided.decision.fulcrumId == "f1")
        #expect(try await store.openConflicts().map(\.id) == [open[1].id])
        let pending = try await store.pendingDecisions()
        #expect(pending.map(\.decision) == [ConflictDecision(fulcrumId: "f1", contactId: "c-f1", field: "email", choice: .value(Fixtures.value("d@x.com")))])
        try await store.markDecisionsApplied(ids: pending.map(\.id), runId: run)
        #expect(try await store.pendingDecisions().isEmpty)
    }

    @Test func decidingAnUnknownOrResolvedConflictIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.recordConflicts([manualConflict()], runId: nil)
        let id = try #require(try await store.openConflicts().first).id
        try await store.recordDecision(conflictId: id, choice: .ghl)
        let again = await #expect(throws: StoreError.self) { try await store.recordDecision(conflictId: id, choice: .fulcrum) }
        #expect(again?.code == .conflictNotFound)
        let unknown = await #expect(throws: StoreError.self) { try await store.recordDecision(conflictId: 999, choice: .fulcrum) }
        #expect(unknown?.code == .conflictNotFound)
        #expect(unknown?.message.contains("fgsync conflicts") == true)
    }

    @Test func aV1FileIsUpgradedInPlaceKeepingItsRuns() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("v1.sqlite")
        // Exactly what v1 wrote: the released v1 migration, and one run.
        try SQLiteStateStore.writeOldFile(path: path, upTo: "v1", sql: [
            "INSERT INTO runs (kind, mode, started_at) VALUES ('reconcile', 'apply', '2026-01-01 00:00:00.000')",
        ])
        let readOnly = try SQLiteStateStore.openReadOnly(path: path)
        #expect(try await readOnly.schemaVersion() == "v1")
        #expect(try await readOnly.lastReportedRunId() == nil)
        #expect(try await readOnly.pendingDecisions().isEmpty)
        try readOnly.close()
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.schemaVersion() == StateSchema.currentVersion)
        #expect(try await store.recentRuns().count == 1)
        #expect(try store.rawValue("SELECT name FROM sqlite_master WHERE name = 'decisions'") == "decisions")
    }

    @Test func readOnlyOpeningNeverWritesTheFile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ro.sqlite")
        do {
            let store = try SQLiteStateStore(path: path)
            let run = try await store.startRun(kind: "reconcile", mode: "apply")
            try await store.saveRunReport(runId: run, json: Data("{}".utf8))
            try store.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try SQLiteStateStore.openReadOnly(path: path)
        #expect(try await store.lastReportedRunId() == 1)
        await #expect(throws: StoreError.self) { try await store.setCursor("x", "y") }
        try store.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func readOnlyOpeningRefusesMissingAndNewerFiles() async throws {
        let directory = try TemporaryDirectory()
        let missing = #expect(throws: StoreError.self) { try SQLiteStateStore.openReadOnly(path: directory.path("none.sqlite")) }
        #expect(missing?.code == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: directory.path("none.sqlite")))
        let path = directory.path("newer.sqlite")
        do {
            let store = try SQLiteStateStore(path: path)
            try store.executeRawSQL("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            try store.close()
        }
        let newer = #expect(throws: StoreError.self) { try SQLiteStateStore.openReadOnly(path: path) }
        #expect(newer?.code == .newerFormat)
    }
}
