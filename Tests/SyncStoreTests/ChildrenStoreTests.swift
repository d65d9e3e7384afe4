import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// Notes, tasks and appointments as a store keeps them: listings, the agreed children, and
/// the counts `fgsync status` shows; on every backend.
@Suite(.dropsPostgresSchemas) struct ChildrenStoreTests {
    static func note(_ ghlId: String, _ itemId: String, deletedSide: Side? = nil) -> ChildBase {
        ChildBase(kind: .note, ghlId: ghlId, fulcrumItemId: itemId, fields: ["body": Fixtures.value("Call back")], deletedSide: deletedSide)
    }

    static func createNote(_ fulcrumId: String, _ contactId: String) -> SyncCore.Operation {
        SyncCore.Operation(side: .ghl, kind: .createNote, fulcrumId: fulcrumId, contactId: contactId)
    }

    @Test(arguments: StoreBackend.available)
    func aListingIsStoredReadBackAndForgotten(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let row = ChildListingRow(
            items: Data(#"{"notes":[],"tasks":[]}"#.utf8), runId: run, fulcrumId: "f1", fulcrumVersion: 4,
            ghlUpdated: "2026-07-01T10:00:00.000Z")

        try await store.saveGHLChildren(contactId: "c1", row)
        #expect(try await store.ghlChildren(contactId: "c1") == row)
        try await store.forgetGHLChildren(contactId: "c1")
        #expect(try await store.ghlChildren(contactId: "c1") == nil)
    }

    @Test(arguments: StoreBackend.available)
    func listingMarksSayWhetherTheirRunSettled(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let settled = try await store.startRun(kind: "reconcile", mode: "apply")
        try await store.finishRun(settled, outcome: "ok", counts: [:])
        let killed = try await store.startRun(kind: "reconcile", mode: "apply")
        for (contact, run) in [("c1", settled), ("c2", killed)] {
            try await store.saveGHLChildren(
                contactId: contact, ChildListingRow(items: Data("{}".utf8), runId: run, fulcrumId: "f-\(contact)", fulcrumVersion: 1, ghlUpdated: nil))
        }

        let marks = try await store.childListingMarks(contactIds: ["c1", "c2", "c3"])

        #expect(marks == [
            "c1": ChildListingMark(runId: settled, fulcrumId: "f-c1", fulcrumVersion: 1, ghlUpdated: nil, settled: true),
            "c2": ChildListingMark(runId: killed, fulcrumId: "f-c2", fulcrumVersion: 1, ghlUpdated: nil, settled: false),
        ])
    }

    @Test(arguments: StoreBackend.available)
    func mirroredFulcrumVersionsAreReadFromTheirColumn(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.upsert(.fulcrum, [Fixtures.mirror("r1", version: 3), Fixtures.mirror("r2"), Fixtures.mirror("r3", version: 7)])

        #expect(try await store.fulcrumVersion(id: "r1") == 3)
        #expect(try await store.fulcrumVersion(id: "r2") == nil)
        #expect(try await store.fulcrumVersions(ids: ["r1", "r2", "r3", "r9"]) == ["r1": 3, "r3": 7])
    }

    @Test(arguments: StoreBackend.available)
    func aCreatedChildIsAgreedInTheTransactionThatCompletesItsWrite(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let entries = try await store.appendJournal(runId: run, operations: [Self.createNote("f1", "c1"), Self.createNote("f1", "c1")])
        try await store.completeChildCreate(entries[0].id, response: "{}", fulcrumId: "f1", contactId: "c1", child: Self.note("n1", "i1"))
        // The same item created again (a retried write) replaces its child rather than adding one.
        try await store.completeChildCreate(entries[1].id, response: "{}", fulcrumId: "f1", contactId: "c1", child: Self.note("n2", "i1"))

        #expect(try await store.childBase(fulcrumId: "f1") == [Self.note("n2", "i1")])
        #expect(try await store.journal(runId: run).map(\.state) == [.done, .done])
    }

    @Test(arguments: StoreBackend.available)
    func aFailedChildCreateRecordsNoChild(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [Self.createNote("f1", "c1")]).first)
        try await store.failJournal(entry.id, error: "refused")

        await #expect(throws: StoreError.self) {
            try await store.completeChildCreate(entry.id, response: "{}", fulcrumId: "f1", contactId: "c1", child: Self.note("n1", "i1"))
        }
        #expect(try await store.childBase(fulcrumId: "f1").isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func completedChildrenAreAgreedWithTheirJournalAndTheRecordTheWriteAnswered(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [Self.createNote("f1", "c1")]).first)

        try await store.completeChildren(
            fulcrumId: "f1", contactId: "c1", children: [Self.note("n1", "i1")], journal: [entry.id],
            fulcrumRecord: Fixtures.mirror("f1", version: 9))

        #expect(try await store.childBase(fulcrumId: "f1") == [Self.note("n1", "i1")])
        #expect(try await store.pendingJournal().isEmpty)
        #expect(try await store.fulcrumVersion(id: "f1") == 9)
    }

    @Test(arguments: StoreBackend.available)
    func theChildrensStatusCountsLinkedChildrenConflictsWritesAndListings(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBases([Fixtures.base("f1", "c1"), Fixtures.base("f2", "c2")])
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        try await store.completeChildren(
            fulcrumId: "f1", contactId: "c1",
            children: [Self.note("n1", "i1"), Self.note("n2", "i2", deletedSide: .ghl), Self.note("", "i3")], journal: [])
        let writes = try await store.appendJournal(runId: run, operations: [Self.createNote("f1", "c1"), Self.createNote("f2", "c2")])
        try await store.failJournal(writes[1].id, error: "refused")
        try await store.recordConflicts(
            [Conflict(fulcrumId: "f1", contactId: "c1", field: "notes[i1].body", base: nil, fulcrum: nil, ghl: nil,
                      fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: nil, rule: "manual")], runId: run)
        try await store.saveGHLChildren(
            contactId: "c1", ChildListingRow(items: Data("{}".utf8), runId: run, fulcrumId: "f1", fulcrumVersion: nil, ghlUpdated: nil))
        try await store.finishRun(run, outcome: "failed", counts: [:])

        let status = try #require(try await store.childrenStatus())

        let notes = try #require(status.kinds.first { $0.kind == "notes" })
        #expect(notes == ChildrenStatus.Kind(kind: "notes", linked: 1, openConflicts: 1, pendingWrites: 1, failedWrites: 1))
        #expect(status.kinds.filter { $0.kind != "notes" }.allSatisfy { $0.linked + $0.openConflicts + $0.pendingWrites + $0.failedWrites == 0 })
        #expect(status.linkedPairs == 2)
        #expect(status.listedPairs == 1)
        #expect(status.oldestListingRun == run)
        #expect(status.oldestListingAt == "2026-05-28 20:26:40.000")
    }
}
