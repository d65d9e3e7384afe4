import Foundation
import SyncCore
import Testing
@testable import SyncStore

struct BookkeepingTests {
    @Test func inboxDedupesByEventId() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let event = InboxEvent(id: "evt-1", source: "ghl", payload: #"{"type":"ContactUpdate"}"#)
        #expect(try store.insertInboxEvent(event) == true)
        #expect(try store.insertInboxEvent(event) == false)
        #expect(try store.pendingInboxEvents().map(\.id) == ["evt-1"])
        try store.markInboxEventProcessed(id: "evt-1")
        #expect(try store.pendingInboxEvents().isEmpty)
        #expect(try store.insertInboxEvent(event) == false)
    }

    @Test func cursorsRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        #expect(try store.cursor("fulcrum.history.sequence") == nil)
        try store.setCursor("fulcrum.history.sequence", "1764003536678")
        try store.setCursor("fulcrum.history.sequence", "1764003536999")
        #expect(try store.cursor("fulcrum.history.sequence") == "1764003536999")
    }

    @Test func mappingHashRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        #expect(try store.mappingHash() == nil)
        try store.setMappingHash("sha256:abc")
        #expect(try store.mappingHash() == "sha256:abc")
    }

    @Test func runsRecordTheirOutcomeAndCounts() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "reconcile", mode: "dry-run")
        #expect(try store.unfinishedRuns().map(\.id) == [run])
        try store.finishRun(run, outcome: "ok", counts: ["ghl.update": 3])
        let record = try #require(try store.run(run))
        #expect(record.outcome == "ok")
        #expect(record.counts == ["ghl.update": 3])
        #expect(record.finishedAt == Fixtures.epoch)
        #expect(try store.unfinishedRuns().isEmpty)
    }

    @Test func conflictsWithAWinnerAreResolvedAndManualOnesStayOpen() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "reconcile", mode: "apply")
        let byPolicy = Conflict(
            fulcrumId: "f1", contactId: "c1", field: "email", base: Fixtures.value("a@x.com"),
            fulcrum: Fixtures.value("b@x.com"), ghl: Fixtures.value("c@x.com"), fulcrumUpdatedAt: Fixtures.epoch,
            ghlUpdatedAt: nil, winner: .fulcrum, rule: "newest")
        var manual = byPolicy
        manual.winner = nil
        manual.rule = "manual"
        try store.recordConflicts([byPolicy, manual], runId: run)

        let stored = try store.conflicts(runId: run)
        #expect(stored.map(\.conflict) == [byPolicy, manual])
        #expect(stored.map(\.status) == [.resolved, .open])
        let open = try store.openConflicts()
        #expect(open.count == 1)
        try store.resolveConflict(id: try #require(open.first).id, resolution: "kept ghl")
        #expect(try store.openConflicts().isEmpty)
    }

    @Test func auditKeepsOverwrittenValues() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let entry = try AuditEntry.overwrite(
            side: .ghl, recordId: "c1", field: "email", old: Fixtures.value("Old@x.com"), new: Fixtures.value("new@x.com"))
        try store.appendAudit([entry], runId: nil)
        let stored = try store.auditEntries(side: .ghl, recordId: "c1")
        #expect(stored.count == 1)
        #expect(stored.first?.oldValue == #"{"canonical":"old@x.com","text":"Old@x.com"}"#)
        #expect(stored.first?.at == Fixtures.epoch)
    }
}
