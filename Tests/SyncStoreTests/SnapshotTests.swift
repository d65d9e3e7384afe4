import Foundation
import SyncCore
import Testing
@testable import SyncStore

struct SnapshotTests {
    @Test func ingestThenFinishReportsAndRemovesUnseenIdsAndKeepsThemInAudit() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let first = try store.beginSnapshot(.fulcrum)
        try store.ingest(.fulcrum, ["a", "b", "c", "d"].map { Fixtures.mirror($0, version: 1) }, snapshot: first)
        #expect(try store.finishSnapshot(.fulcrum, snapshot: first).removedIds == [])

        let second = try store.beginSnapshot(.fulcrum)
        try store.ingest(.fulcrum, [Fixtures.mirror("a", version: 2)], snapshot: second)
        try store.ingest(.fulcrum, [Fixtures.mirror("c", version: 2)], snapshot: second)
        let outcome = try store.finishSnapshot(.fulcrum, snapshot: second)

        #expect(outcome.removedIds == ["b", "d"])
        #expect(outcome.seen == 2)
        #expect(try store.mirrorCount(.fulcrum) == 2)
        #expect(try store.record(.fulcrum, id: "b") == nil)
        let audit = try store.auditEntries(side: .fulcrum, recordId: "b")
        #expect(audit.count == 1)
        #expect(audit.first?.oldValue == #"{"id":"b"}"#)
        #expect(audit.first?.reason == "missing from full snapshot")
    }

    @Test func ingestedProjectionsRoundTripExactly() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let seq = try store.beginSnapshot(.ghl)
        let record = Fixtures.mirror("c1", email: "Ada@Example.com")
        try store.ingest(.ghl, [record], snapshot: seq)
        _ = try store.finishSnapshot(.ghl, snapshot: seq)
        #expect(try store.record(.ghl, id: "c1") == record.projection)
        #expect(try store.rawRecord(.ghl, id: "c1") == record.raw)
    }

    @Test func aPageHoldingOneIdTwiceKeepsTheLaterRecord() throws {
        // Overlapping API pages (Fulcrum's cursor re-reads its boundary) must be harmless.
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let seq = try store.beginSnapshot(.fulcrum)
        try store.ingest(.fulcrum, [Fixtures.mirror("z"), Fixtures.mirror("r1", version: 1), Fixtures.mirror("a"),
                                    Fixtures.mirror("r1", version: 2)], snapshot: seq)
        try store.ingest(.fulcrum, [Fixtures.mirror("a", email: "later@x.com")], snapshot: seq)
        #expect(try store.finishSnapshot(.fulcrum, snapshot: seq).seen == 3)
        #expect(try store.rawValue("SELECT version FROM fulcrum_records WHERE id = 'r1'") == "2")
        #expect(try store.record(.fulcrum, id: "a")?.fields["email"]?.text == "later@x.com")
    }

    @Test func pagesCommitInGroupsAndTheRestWithFinish() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path("state.sqlite"), clock: .fixed(Fixtures.epoch), ingestGroupSize: 3)
        let seq = try store.beginSnapshot(.ghl)
        try store.ingest(.ghl, [Fixtures.mirror("c1"), Fixtures.mirror("c2")], snapshot: seq)
        #expect(try store.mirrorCount(.ghl) == 0)
        try store.ingest(.ghl, [Fixtures.mirror("c3"), Fixtures.mirror("c4")], snapshot: seq)
        #expect(try store.mirrorCount(.ghl) == 4)
        try store.ingest(.ghl, [Fixtures.mirror("c5")], snapshot: seq)
        #expect(try store.mirrorCount(.ghl) == 4)
        #expect(try store.finishSnapshot(.ghl, snapshot: seq).seen == 5)
        #expect(try store.mirrorCount(.ghl) == 5)
    }

    @Test func ingestIntoAFinishedSnapshotIsRefused() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        let seq = try store.beginSnapshot(.ghl)
        _ = try store.finishSnapshot(.ghl, snapshot: seq)
        let error = #expect(throws: StoreError.self) { try store.ingest(.ghl, [Fixtures.mirror("x")], snapshot: seq) }
        #expect(error?.code == .snapshotNotOpen)
        #expect(try store.mirrorCount(.ghl) == 0)
    }

    @Test func aSnapshotOfOneSideLeavesTheOtherSideAlone() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        try store.upsert(.ghl, [Fixtures.mirror("c1")])
        let seq = try store.beginSnapshot(.fulcrum)
        #expect(try store.finishSnapshot(.fulcrum, snapshot: seq).removedIds == [])
        #expect(try store.mirrorCount(.ghl) == 1)
    }

    @Test func removingASingleRecordKeepsItInAudit() throws {
        let directory = try TemporaryDirectory()
        let store = try Fixtures.store(in: directory)
        try store.upsert(.fulcrum, [Fixtures.mirror("r1")])
        try store.remove(.fulcrum, ids: ["r1"], reason: "record.delete webhook")
        #expect(try store.mirrorCount(.fulcrum) == 0)
        #expect(try store.auditEntries(side: .fulcrum, recordId: "r1").map(\.reason) == ["record.delete webhook"])
    }
}
