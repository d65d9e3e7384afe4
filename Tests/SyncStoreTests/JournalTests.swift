import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite(.dropsPostgresSchemas) struct JournalTests {
    struct SimulatedCrash: Error {}

    func update(_ fulcrumId: String, _ contactId: String) -> SyncCore.Operation {
        SyncCore.Operation(
            side: .ghl, kind: .update, fulcrumId: fulcrumId, contactId: contactId,
            fields: ["email": Fixtures.value("ada@example.com")])
    }

    /// The propagator journals pairs from several tasks at once; each entry still gets its own
    /// number within the run (PostgreSQL runs those transactions side by side).
    @Test(arguments: StoreBackend.available)
    func journalWritesFromManyTasksAtOnceEachGetTheirOwnNumber(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")

        let entries = try await withThrowingTaskGroup(of: [JournalEntry].self) { group in
            for index in 0..<16 {
                group.addTask { try await store.appendJournal(runId: run, operations: [self.update("f\(index)", "c\(index)"), self.update("g\(index)", "d\(index)")]) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }

        #expect(entries.count == 32)
        #expect(Set(try await store.journal(runId: run).map(\.seq)).count == 32)
    }

    @Test(arguments: StoreBackend.available)

    func journalDoneAndBaseAdvanceCommitTogether(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)

        try await store.completeJournal(
            entry.id, response: #"{"succeded":true}"#, base: .record(Fixtures.base("f1", "c1")),
            mirror: [.upsert(.ghl, Fixtures.mirror("c1"))], audit: [], releasingDeletedPartners: false)

        #expect(try await store.pendingJournal().isEmpty)
        #expect(try await store.journal(runId: run).map(\.state) == [.done])
        #expect(try await store.journal(runId: run).first?.response == #"{"succeded":true}"#)
        #expect(try await store.base(fulcrumId: "f1") != nil)
        #expect(try await store.record(.ghl, id: "c1") != nil)
    }

    @Test func aFailureInsideTheTransactionWritesNeitherDoneNorBase() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)

        await #expect(throws: SimulatedCrash.self) {
            try await store.transaction { tx in
                try tx.markJournalDone(entry.id, response: "{}")
                try tx.recordBase(Fixtures.base("f1", "c1"))
                throw SimulatedCrash()
            }
        }

        #expect(try await store.pendingJournal().map(\.id) == [entry.id])
        #expect(try await store.base(fulcrumId: "f1") == nil)
        #expect(try await store.linkedContact(fulcrumId: "f1") == nil)
    }

    @Test(arguments: StoreBackend.available)

    func aFailingBaseAdvanceLeavesTheEntryPending(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(Fixtures.base("f9", "c1"))  // c1 already linked elsewhere
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)

        let error = await #expect(throws: StoreError.self) {
            try await store.completeJournal(
                entry.id, response: "{}", base: .record(Fixtures.base("f1", "c1")), mirror: [], audit: [], releasingDeletedPartners: false)
        }
        #expect(error?.code == .linkConflict)
        #expect(try await store.pendingJournal().map(\.id) == [entry.id])
    }

    @Test(arguments: StoreBackend.available)

    func completingAnEntryTwiceIsRefused(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "sync", mode: "apply")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [update("f1", "c1")]).first)
        try await store.completeJournal(entry.id, response: nil)
        let error = await #expect(throws: StoreError.self) { try await store.completeJournal(entry.id, response: nil) }
        #expect(error?.code == .journalEntryNotFound)
    }

    @Test(arguments: StoreBackend.available)

    func journalEntriesAreNumberedWithinTheirRunAndKeepTheOperation(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "sync", mode: "apply")
        _ = try await store.appendJournal(runId: run, operations: [update("f1", "c1")])
        _ = try await store.appendJournal(runId: run, operations: [update("f2", "c2"), update("f3", "c3")])
        let entries = try await store.journal(runId: run)
        #expect(entries.map(\.seq) == [1, 2, 3])
        #expect(entries.map(\.operation) == [update("f1", "c1"), update("f2", "c2"), update("f3", "c3")])
        #expect(entries.allSatisfy { $0.createdAt == Fixtures.epoch })
    }
}
