import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// Modify beats delete re-creates a deleted partner; the survivor's link to the deleted one is
/// released in the transaction that completes the journal entry (issue 10, item 7).
struct RelinkTests {
    /// Fulcrum f1 was linked to GHL c-old, which was deleted in GHL (gone from the mirror);
    /// c-new is its re-created partner.
    static func survivorWithDeletedPartner(in directory: TemporaryDirectory) async throws -> (SQLiteStateStore, JournalEntry) {
        let store = try await Fixtures.store(in: directory)
        try await store.upsert(.fulcrum, [Fixtures.mirror("f1")])
        try await store.recordBase(Fixtures.base("f1", "c-old"))
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let create = SyncCore.Operation(side: .ghl, kind: .create, fulcrumId: "f1", contactId: nil)
        let entry = try #require(try await store.appendJournal(runId: run, operations: [create]).first)
        return (store, entry)
    }

    @Test func completingTheRecreatedPartnersEntryRepointsTheSurvivorsLink() async throws {
        let directory = try TemporaryDirectory()
        let (store, entry) = try await Self.survivorWithDeletedPartner(in: directory)

        try await store.completeJournal(
            entry.id, response: "{}", base: .record(Fixtures.base("f1", "c-new")),
            mirror: [.upsert(.ghl, Fixtures.mirror("c-new"))], releasingDeletedPartners: true)

        #expect(try await store.linkedContact(fulcrumId: "f1") == "c-new")
        #expect(try await store.base(fulcrumId: "f1")?.contactId == "c-new")
        #expect(try await store.pendingJournal().isEmpty)
    }

    @Test func theReleaseCommitsWithTheJournalEntryOrNotAtAll() async throws {
        let directory = try TemporaryDirectory()
        let (store, entry) = try await Self.survivorWithDeletedPartner(in: directory)
        let retry = SyncCore.Operation(side: .ghl, kind: .create, fulcrumId: "f1", contactId: nil)
        let second = try #require(try await store.appendJournal(runId: entry.runId, operations: [retry]).first)
        try await store.failJournal(entry.id, error: "no longer pending")

        // Completing an entry that is not pending fails, and with it the release.
        await #expect(throws: StoreError.self) {
            try await store.completeJournal(
                entry.id, response: "{}", base: .record(Fixtures.base("f1", "c-new")), releasingDeletedPartners: true)
        }
        #expect(try await store.linkedContact(fulcrumId: "f1") == "c-old")

        try await store.completeJournal(
            second.id, response: "{}", base: .record(Fixtures.base("f1", "c-new")), releasingDeletedPartners: true)
        #expect(try await store.linkedContact(fulcrumId: "f1") == "c-new")
    }
}
