import Foundation
import SyncCore
import Testing
@testable import SyncStore

struct JournalTests {
    struct SimulatedCrash: Error {}

    func update(_ fulcrumId: String, _ contactId: String) -> SyncCore.Operation {
        SyncCore.Operation(
            side: .ghl, kind: .update, fulcrumId: fulcrumId, contactId: contactId,
            fields: ["email": Fixtures.value("ada@example.com")])
    }

    @Test func journalDoneAndBaseAdvanceCommitTogether() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)

        try store.completeJournal(
            entry.id, response: #"{"succeded":true}"#, base: .record(Fixtures.base("f1", "c1")),
            mirror: [.upsert(.ghl, Fixtures.mirror("c1"))])

        #expect(try store.pendingJournal().isEmpty)
        #expect(try store.journal(runId: run).map(\.state) == [.done])
        #expect(try store.journal(runId: run).first?.response == #"{"succeded":true}"#)
        #expect(try store.base(fulcrumId: "f1") != nil)
        #expect(try store.record(.ghl, id: "c1") != nil)
    }

    @Test func aFailureInsideTheTransactionWritesNeitherDoneNorBase() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)

        #expect(throws: SimulatedCrash.self) {
            try store.transaction { tx in
                try tx.markJournalDone(entry.id, response: "{}")
                try tx.recordBase(Fixtures.base("f1", "c1"))
                throw SimulatedCrash()
            }
        }

        #expect(try store.pendingJournal().map(\.id) == [entry.id])
        #expect(try store.base(fulcrumId: "f1") == nil)
        #expect(try store.linkedContact(fulcrumId: "f1") == nil)
    }

    @Test func aFailingBaseAdvanceLeavesTheEntryPending() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        try store.recordBase(Fixtures.base("f9", "c1"))  // c1 already linked elsewhere
        let run = try store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)

        let error = #expect(throws: StoreError.self) {
            try store.completeJournal(entry.id, response: "{}", base: .record(Fixtures.base("f1", "c1")))
        }
        #expect(error?.code == .linkConflict)
        #expect(try store.pendingJournal().map(\.id) == [entry.id])
    }

    @Test func completingAnEntryTwiceIsRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "sync", mode: "apply")
        let entry = try #require(try store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)
        try store.completeJournal(entry.id, response: nil)
        let error = #expect(throws: StoreError.self) { try store.completeJournal(entry.id, response: nil) }
        #expect(error?.code == .journalEntryNotFound)
    }

    @Test func journalEntriesAreNumberedWithinTheirRunAndKeepTheOperation() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let run = try store.startRun(kind: "sync", mode: "apply")
        _ = try store.appendJournal(runId: run, operations: [update("f1", "c1")])
        _ = try store.appendJournal(runId: run, operations: [update("f2", "c2"), update("f3", "c3")])
        let entries = try store.journal(runId: run)
        #expect(entries.map(\.seq) == [1, 2, 3])
        #expect(entries.map(\.operation) == [update("f1", "c1"), update("f2", "c2"), update("f3", "c3")])
        #expect(entries.allSatisfy { $0.createdAt == Fixtures.epoch })
    }
}
