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

    @Test func aRunsReportIsStoredAndReadBack() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "reconcile", mode: "dry-run")
        try store.finishRun(run, outcome: "dry-run")
        #expect(try store.lastReportedRunId() == nil)
        try store.saveRunReport(runId: run, json: Data(#"{"runId":1}"#.utf8))
        try store.saveRunReport(runId: run, json: Data(#"{"runId":1,"again":true}"#.utf8))
        #expect(try store.runReport(runId: run).map { String(decoding: $0, as: UTF8.self) } == #"{"runId":1,"again":true}"#)
        #expect(try store.lastReportedRunId() == run)
        #expect(try store.runReport(runId: 99) == nil)
        #expect(try store.recentRuns().map(\.id) == [run])
    }

    @Test func aDecisionResolvesTheConflictAndWaitsForARun() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "reconcile", mode: "apply")
        try store.recordConflicts([manualConflict("f1"), manualConflict("f2")], runId: run)
        let open = try store.openConflicts()
        #expect(open.count == 2)
        let decided = try store.recordDecision(conflictId: open[0].id, choice: .value(Fixtures.value("d@x.com")))
        #expect(decided.decision.fulcrumId == "f1")
        #expect(try store.openConflicts().map(\.id) == [open[1].id])
        let pending = try store.pendingDecisions()
        #expect(pending.map(\.decision) == [ConflictDecision(fulcrumId: "f1", contactId: "c-f1", field: "email", choice: .value(Fixtures.value("d@x.com")))])
        try store.markDecisionsApplied(ids: pending.map(\.id), runId: run)
        #expect(try store.pendingDecisions().isEmpty)
    }

    @Test func decidingAnUnknownOrResolvedConflictIsRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        try store.recordConflicts([manualConflict()], runId: nil)
        let id = try #require(try store.openConflicts().first).id
        try store.recordDecision(conflictId: id, choice: .ghl)
        let again = #expect(throws: StoreError.self) { try store.recordDecision(conflictId: id, choice: .fulcrum) }
        #expect(again?.code == .conflictNotFound)
        let unknown = #expect(throws: StoreError.self) { try store.recordDecision(conflictId: 999, choice: .fulcrum) }
        #expect(unknown?.code == .conflictNotFound)
        #expect(unknown?.message.contains("fgsync conflicts") == true)
    }

    @Test func aV1FileIsUpgradedInPlaceKeepingItsRuns() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("v1.sqlite")
        do {
            let store = try StateStore(path: path)
            _ = try store.startRun(kind: "reconcile", mode: "apply")
            try store.executeRawSQL("DROP TABLE decisions")
            try store.executeRawSQL("DROP TABLE run_reports")
            try store.executeRawSQL("DELETE FROM grdb_migrations WHERE identifier = 'v2'")
            try store.close()
        }
        let readOnly = try StateStore.openReadOnly(path: path)
        #expect(try readOnly.schemaVersion() == "v1")
        #expect(try readOnly.lastReportedRunId() == nil)
        #expect(try readOnly.pendingDecisions().isEmpty)
        try readOnly.close()
        let store = try StateStore(path: path)
        #expect(try store.schemaVersion() == "v2")
        #expect(try store.recentRuns().count == 1)
        #expect(try store.rawValue("SELECT name FROM sqlite_master WHERE name = 'decisions'") == "decisions")
    }

    @Test func readOnlyOpeningNeverWritesTheFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ro.sqlite")
        do {
            let store = try StateStore(path: path)
            let run = try store.startRun(kind: "reconcile", mode: "apply")
            try store.saveRunReport(runId: run, json: Data("{}".utf8))
            try store.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try StateStore.openReadOnly(path: path)
        #expect(try store.lastReportedRunId() == 1)
        #expect(throws: StoreError.self) { try store.setCursor("x", "y") }
        try store.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func readOnlyOpeningRefusesMissingAndNewerFiles() throws {
        let directory = try TemporaryDirectory()
        let missing = #expect(throws: StoreError.self) { try StateStore.openReadOnly(path: directory.path("none.sqlite")) }
        #expect(missing?.code == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: directory.path("none.sqlite")))
        let path = directory.path("newer.sqlite")
        do {
            let store = try StateStore(path: path)
            try store.executeRawSQL("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            try store.close()
        }
        let newer = #expect(throws: StoreError.self) { try StateStore.openReadOnly(path: path) }
        #expect(newer?.code == .newerFormat)
    }
}
