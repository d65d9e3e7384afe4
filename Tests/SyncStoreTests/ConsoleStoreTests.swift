import Foundation
import SyncCore
import Testing

@testable import SyncStore

/// What the console reads from and writes to the state file beyond the CLI's jobs.
struct ConsoleStoreTests {
    @Test(arguments: [Side.fulcrum, Side.ghl, nil])
    func aConflictSettledByAPersonsDecisionIsRecordedResolvedWhateverItKept(_ winner: Side?) async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        let decided = Conflict(
            fulcrumId: "f1", contactId: "c1", field: "email", base: Fixtures.value("a@x.com"),
            fulcrum: Fixtures.value("b@x.com"),
            ghl: Fixtures.value("c@x.com"), fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: winner,
            rule: "manual-decision")

        try await store.recordConflicts([decided], runId: nil)

        #expect(
            try await store.openConflicts().isEmpty, "keeping the base or a typed value does not reopen it")
        #expect(try await store.conflict(id: 1)?.status == .resolved)
    }

    @Test func aDecisionSettlesEveryOpenRecordOfTheSameFieldOfThePair() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        func manual(_ field: String, ghl: String = "c@x.com") -> Conflict {
            Conflict(
                fulcrumId: "f1", contactId: "c1", field: field, base: nil, fulcrum: Fixtures.value("b@x.com"),
                ghl: Fixtures.value(ghl),
                fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: nil, rule: "manual")
        }
        // Three passes met the same undecided email, GHL's value changing each time (the same
        // values keep one row); one also met the phone.
        try await store.recordConflicts([manual("email")], runId: nil)
        try await store.recordConflicts([manual("email", ghl: "d@x.com"), manual("phone")], runId: nil)
        try await store.recordConflicts([manual("email", ghl: "e@x.com")], runId: nil)

        try await store.recordDecision(conflictId: 4, choice: .ghl)

        #expect(
            try await store.openConflicts().map(\.conflict.field) == ["phone"], "the other field still waits")
        #expect(try await store.conflict(id: 1)?.resolution == "decision:1")
    }

    @Test func aConflictMetAgainWithTheSameValuesKeepsItsOpenRowAndGivesBackItsId() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        let first = try await store.startRun(kind: "reconcile", mode: "apply")
        let second = try await store.startRun(kind: "reconcile", mode: "apply")
        func manual(_ field: String, at seconds: TimeInterval) -> Conflict {
            Conflict(
                fulcrumId: "f1", contactId: "c1", field: field, base: Fixtures.value("a@x.com"),
                fulcrum: Fixtures.value("b@x.com"), ghl: Fixtures.value("c@x.com"),
                fulcrumUpdatedAt: Fixtures.epoch.addingTimeInterval(seconds), ghlUpdatedAt: nil, winner: nil, rule: "manual")
        }
        let ids = try await store.recordConflicts([manual("email", at: 1)], runId: first)

        let again = try await store.recordConflicts([manual("phone", at: 2), manual("email", at: 2)], runId: second)

        let open = try await store.openConflicts()
        #expect(open.map(\.conflict.field) == ["email", "phone"])
        #expect(again == [open[1].id, ids[0]], "ids come back in the order given")
        #expect(open[0].id == ids[0] && open[0].runId == first, "the row keeps the run that first found it")
        #expect(open[0].conflict.fulcrumUpdatedAt == Fixtures.epoch.addingTimeInterval(2), "and takes the latest change time")
    }

    @Test func aParkedEventIsQueuedAgainWithAFreshSetOfTries() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.insertInboxEvent(InboxEvent(id: "ghl:1", source: "ghl", payload: "{}"))
        try await store.deferInboxEvents(
            ids: ["ghl:1"], error: "API down", maxAttempts: 1, backoff: { _ in .seconds(1) })
        #expect(try await store.inboxDepth() == (waiting: 0, parked: 1))

        #expect(try await store.requeueParkedInboxEvent(id: "ghl:1"))

        #expect(try await store.inboxDepth() == (waiting: 1, parked: 0))
        let event = try #require(try await store.pendingInboxEvents(due: Fixtures.epoch).first)
        #expect(event.attempts == 0)
        #expect(event.lastError == "API down", "the last error stays until the next try")
        #expect(
            try await store.requeueParkedInboxEvent(id: "ghl:1") == false,
            "only parked events are queued again")
        #expect(try await store.requeueParkedInboxEvent(id: "ghl:unknown") == false)
    }

    @Test func theLatestRunOfAKindIsFoundHoweverManyOthersCameAfter() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        let full = try await store.startRun(kind: "reconcile", mode: "apply")
        for _ in 0..<40 { _ = try await store.startRun(kind: "delta", mode: "apply") }

        #expect(try await store.latestRun(kind: "reconcile")?.id == full)
        #expect(try await store.latestRun(kind: "delta")?.id == full + 40)
        #expect(try await store.latestRun(kind: "plan") == nil)
    }

    @Test func webhooksReceivedSinceATimeAreCountedBySource() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.insertInboxEvent(InboxEvent(id: "ghl:old", source: "ghl", payload: "{}"))
        let later = try SQLiteStateStore(
            path: directory.path("state.sqlite"), clock: .fixed(Fixtures.epoch.addingTimeInterval(7_200)))
        try await later.insertInboxEvent(InboxEvent(id: "ghl:new", source: "ghl", payload: "{}"))
        try await later.insertInboxEvent(InboxEvent(id: "fulcrum:new", source: "fulcrum", payload: "{}"))

        let counts = try await later.inboxReceived(since: Fixtures.epoch.addingTimeInterval(3_600))

        #expect(counts == ["ghl": 1, "fulcrum": 1])
    }
}
