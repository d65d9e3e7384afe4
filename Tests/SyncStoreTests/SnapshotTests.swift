import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite(.dropsPostgresSchemas) struct SnapshotTests {
    @Test(arguments: StoreBackend.available)
    func ingestThenFinishReportsAndRemovesUnseenIdsAndKeepsThemInAudit(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let first = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, ["a", "b", "c", "d"].map { Fixtures.mirror($0, version: 1) }, snapshot: first)
        #expect(try await store.finishSnapshot(.fulcrum, snapshot: first).removedIds == [])

        let second = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, [Fixtures.mirror("a", version: 2)], snapshot: second)
        try await store.ingest(.fulcrum, [Fixtures.mirror("c", version: 2)], snapshot: second)
        let outcome = try await store.finishSnapshot(.fulcrum, snapshot: second)

        #expect(outcome.removedIds == ["b", "d"])
        #expect(outcome.seen == 2)
        #expect(try await store.mirrorCount(.fulcrum) == 2)
        #expect(try await store.record(.fulcrum, id: "b") == nil)
        let audit = try await store.auditEntries(side: .fulcrum, recordId: "b")
        #expect(audit.count == 1)
        #expect(audit.first?.oldValue == #"{"id":"b"}"#)
        #expect(audit.first?.reason == "missing from full snapshot")
    }

    @Test(arguments: StoreBackend.available)
    func aFirstSnapshotStillRemovesARecordWrittenMeanwhileThatItsListingDidNotHold(backend: StoreBackend) async throws {
        // A first snapshot is only counted at finish when the mirror holds just what it saw.
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, [Fixtures.mirror("a"), Fixtures.mirror("b")], snapshot: seq)
        try await store.upsert(.fulcrum, [Fixtures.mirror("c")])

        let outcome = try await store.finishSnapshot(.fulcrum, snapshot: seq)

        #expect(outcome.removedIds == ["c"])
        #expect(outcome.seen == 2)
        #expect(try await store.mirrorCount(.fulcrum) == 2)
    }

    @Test(arguments: StoreBackend.available)

    func ingestedProjectionsRoundTripExactly(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.ghl)
        let record = Fixtures.mirror("c1", email: "Ada@Example.com")
        try await store.ingest(.ghl, [record], snapshot: seq)
        _ = try await store.finishSnapshot(.ghl, snapshot: seq)
        #expect(try await store.record(.ghl, id: "c1") == record.projection)
        #expect(try await store.rawRecord(.ghl, id: "c1") == record.raw)
    }

    @Test(arguments: StoreBackend.available)

    func aPageHoldingOneIdTwiceKeepsTheLaterRecord(backend: StoreBackend) async throws {
        // Overlapping API pages (Fulcrum's cursor re-reads its boundary) must be harmless.
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, [Fixtures.mirror("z"), Fixtures.mirror("r1", version: 1), Fixtures.mirror("a"),
                                    Fixtures.mirror("r1", version: 2)], snapshot: seq)
        try await store.ingest(.fulcrum, [Fixtures.mirror("a", email: "later@x.com")], snapshot: seq)
        #expect(try await store.finishSnapshot(.fulcrum, snapshot: seq).seen == 3)
        #expect(try await backend.rawValue(store, "SELECT version FROM fulcrum_records WHERE id = 'r1'") == "2")
        #expect(try await store.record(.fulcrum, id: "a")?.fields["email"]?.text == "later@x.com")
    }

    @Test(arguments: StoreBackend.available)

    func pagesCommitInGroupsAndTheRestWithFinish(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory, ingestGroupSize: 3)
        let seq = try await store.beginSnapshot(.ghl)
        try await store.ingest(.ghl, [Fixtures.mirror("c1"), Fixtures.mirror("c2")], snapshot: seq)
        #expect(try await store.mirrorCount(.ghl) == 0)
        try await store.ingest(.ghl, [Fixtures.mirror("c3"), Fixtures.mirror("c4")], snapshot: seq)
        #expect(try await store.mirrorCount(.ghl) == 4)
        try await store.ingest(.ghl, [Fixtures.mirror("c5")], snapshot: seq)
        #expect(try await store.mirrorCount(.ghl) == 4)
        #expect(try await store.finishSnapshot(.ghl, snapshot: seq).seen == 5)
        #expect(try await store.mirrorCount(.ghl) == 5)
    }

    @Test(arguments: StoreBackend.available)
    func aSnapshotBegunWhileAnotherIsOpenCommitsItsFirstGroupAtHalfTheSize(backend: StoreBackend) async throws {
        // Both sides list at once: offset boundaries keep their group writes from meeting.
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory, ingestGroupSize: 4)
        let fulcrum = try await store.beginSnapshot(.fulcrum)
        let ghl = try await store.beginSnapshot(.ghl)
        try await store.ingest(.fulcrum, [Fixtures.mirror("f1"), Fixtures.mirror("f2")], snapshot: fulcrum)
        try await store.ingest(.ghl, [Fixtures.mirror("c1"), Fixtures.mirror("c2")], snapshot: ghl)
        #expect(try await store.mirrorCount(.fulcrum) == 0)
        #expect(try await store.mirrorCount(.ghl) == 2)
        try await store.ingest(.ghl, ["c3", "c4", "c5"].map { Fixtures.mirror($0) }, snapshot: ghl)
        #expect(try await store.mirrorCount(.ghl) == 2)
        try await store.ingest(.ghl, [Fixtures.mirror("c6")], snapshot: ghl)
        #expect(try await store.mirrorCount(.ghl) == 6)
        #expect(try await store.finishSnapshot(.ghl, snapshot: ghl).seen == 6)
        #expect(try await store.finishSnapshot(.fulcrum, snapshot: fulcrum).seen == 2)
    }

    @Test(arguments: StoreBackend.available)

    func ingestIntoAFinishedSnapshotIsRefused(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.ghl)
        _ = try await store.finishSnapshot(.ghl, snapshot: seq)
        let error = await #expect(throws: StoreError.self) { try await store.ingest(.ghl, [Fixtures.mirror("x")], snapshot: seq) }
        #expect(error?.code == .snapshotNotOpen)
        #expect(try await store.mirrorCount(.ghl) == 0)
    }

    @Test(arguments: StoreBackend.available)

    func aSnapshotOfOneSideLeavesTheOtherSideAlone(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.upsert(.ghl, [Fixtures.mirror("c1")])
        let seq = try await store.beginSnapshot(.fulcrum)
        #expect(try await store.finishSnapshot(.fulcrum, snapshot: seq).removedIds == [])
        #expect(try await store.mirrorCount(.ghl) == 1)
    }

    @Test(arguments: StoreBackend.available)

    func removingASingleRecordKeepsItInAudit(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.upsert(.fulcrum, [Fixtures.mirror("r1")])
        try await store.remove(.fulcrum, ids: ["r1"], runId: nil, reason: "record.delete webhook")
        #expect(try await store.mirrorCount(.fulcrum) == 0)
        #expect(try await store.auditEntries(side: .fulcrum, recordId: "r1").map(\.reason) == ["record.delete webhook"])
    }
}
