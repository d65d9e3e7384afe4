import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite(.dropsPostgresSchemas) struct BookkeepingTests {
    @Test(arguments: StoreBackend.available)
    func inboxDedupesByEventId(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let event = InboxEvent(id: "evt-1", source: "ghl", payload: #"{"type":"ContactUpdate"}"#)
        #expect(try await store.insertInboxEvent(event) == true)
        #expect(try await store.insertInboxEvent(event) == false)
        #expect(try await store.pendingInboxEvents().map(\.id) == ["evt-1"])
        try await store.markInboxEventProcessed(id: "evt-1")
        #expect(try await store.pendingInboxEvents().isEmpty)
        #expect(try await store.insertInboxEvent(event) == false)
    }

    @Test(arguments: StoreBackend.available)

    func pruningForgetsOnlyEventsProcessedBeforeTheDate(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        for id in ["old", "new", "waiting"] {
            try await store.insertInboxEvent(InboxEvent(id: id, source: "ghl", payload: "{}"))
        }
        try await store.markInboxEventProcessed(id: "old")
        let cutoff = Date().addingTimeInterval(1)
        await Task.yield()
        let later = try await backend.store(in: directory, clock: StoreClock { cutoff.addingTimeInterval(60) })
        try await later.markInboxEventProcessed(id: "new")

        #expect(try await store.pruneInboxEvents(processedBefore: cutoff) == 1)
        #expect(try await store.pendingInboxEvents().map(\.id) == ["waiting"])
        #expect(try await store.insertInboxEvent(InboxEvent(id: "new", source: "ghl", payload: "{}")) == false, "kept: still deduplicated")
    }

    @Test(arguments: StoreBackend.available)

    func cursorsRoundTrip(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        #expect(try await store.cursor("fulcrum.history.sequence") == nil)
        try await store.setCursor("fulcrum.history.sequence", "1764003536678")
        try await store.setCursor("fulcrum.history.sequence", "1764003536999")
        #expect(try await store.cursor("fulcrum.history.sequence") == "1764003536999")
    }

    @Test(arguments: StoreBackend.available)

    func mappingHashRoundTrips(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        #expect(try await store.mappingHash() == nil)
        try await store.setMappingHash("sha256:abc")
        #expect(try await store.mappingHash() == "sha256:abc")
    }

    @Test(arguments: StoreBackend.available)

    func runsRecordTheirOutcomeAndCounts(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "dry-run")
        #expect(try await store.unfinishedRuns().map(\.id) == [run])
        try await store.finishRun(run, outcome: "ok", counts: ["ghl.update": 3])
        let record = try #require(try await store.run(run))
        #expect(record.outcome == "ok")
        #expect(record.counts == ["ghl.update": 3])
        #expect(record.finishedAt == Fixtures.epoch)
        #expect(try await store.unfinishedRuns().isEmpty)
    }

    @Test(arguments: StoreBackend.available)

    func conflictsWithAWinnerAreResolvedAndManualOnesStayOpen(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let byPolicy = Conflict(
            fulcrumId: "f1", contactId: "c1", field: "email", base: Fixtures.value("a@x.com"),
            fulcrum: Fixtures.value("b@x.com"), ghl: Fixtures.value("c@x.com"), fulcrumUpdatedAt: Fixtures.epoch,
            ghlUpdatedAt: nil, winner: .fulcrum, rule: "newest")
        var manual = byPolicy
        manual.winner = nil
        manual.rule = "manual"
        try await store.recordConflicts([byPolicy, manual], runId: run)

        let stored = try await store.conflicts(runId: run)
        #expect(stored.map(\.conflict) == [byPolicy, manual])
        #expect(stored.map(\.status) == [.resolved, .open])
        let open = try await store.openConflicts()
        #expect(open.count == 1)
        try await store.resolveConflict(id: try #require(open.first).id, resolution: "kept ghl")
        #expect(try await store.openConflicts().isEmpty)
    }

    @Test(arguments: StoreBackend.available)

    func auditKeepsOverwrittenValues(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let entry = try AuditEntry.overwrite(
            side: .ghl, recordId: "c1", field: "email", old: Fixtures.value("Old@x.com"), new: Fixtures.value("new@x.com"))
        try await store.appendAudit([entry], runId: nil)
        let stored = try await store.auditEntries(side: .ghl, recordId: "c1")
        #expect(stored.count == 1)
        #expect(stored.first?.oldValue == #"{"canonical":"old@x.com","text":"Old@x.com"}"#)
        #expect(stored.first?.at == Fixtures.epoch)
    }
}
