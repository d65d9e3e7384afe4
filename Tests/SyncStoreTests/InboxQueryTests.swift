import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// What `serve`, `status` and the console ask of the webhook inbox; on every backend.
@Suite(.dropsPostgresSchemas) struct InboxQueryTests {
    @Test(arguments: StoreBackend.available)
    func theEventsAboutOneRecordAreFoundByThePayloadsIdSkippingWhatIsNotJSON(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        for (id, source, payload) in [
            ("e1", "ghl", #"{"id":"c1","type":"ContactUpdate"}"#), ("e2", "ghl", "not json"), ("e3", "ghl", #"{"id":"c2"}"#),
            ("e4", "fulcrum", #"{"id":"c1"}"#), ("e5", "ghl", #"["c1"]"#), ("e6", "ghl", #"{"id":"c1","type":"ContactDelete"}"#),
        ] {
            try await store.insertInboxEvent(InboxEvent(id: id, source: source, payload: payload))
        }

        #expect(try await store.inboxEvents(source: "ghl", recordId: "c1").map(\.id) == ["e1", "e6"])
    }

    @Test(arguments: StoreBackend.available)
    func theNewestEventOfASourceIsWhenItLastReachedTheInbox(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let later = try await backend.store(in: directory, clock: .fixed(Fixtures.epoch.addingTimeInterval(90)))
        try await store.insertInboxEvent(InboxEvent(id: "g1", source: "ghl", payload: "{}"))
        try await later.insertInboxEvent(InboxEvent(id: "g2", source: "ghl", payload: "{}"))

        #expect(try await store.lastInboxReceivedAt(source: "ghl") == Fixtures.epoch.addingTimeInterval(90))
        #expect(try await store.lastInboxReceivedAt(source: "fulcrum") == nil)
    }

    @Test(arguments: StoreBackend.available)
    func eventsMarkedProcessedTogetherNoLongerWait(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        for id in ["e1", "e2", "e3"] { try await store.insertInboxEvent(InboxEvent(id: id, source: "ghl", payload: "{}")) }

        try await store.markInboxEventsProcessed(ids: ["e1", "e3"])

        #expect(try await store.unprocessedInboxIds(among: ["e1", "e2", "e3", "e9"]) == ["e2"])
        #expect(try await store.inboxDepth() == (waiting: 1, parked: 0))
    }

    @Test(arguments: StoreBackend.available)
    func aFailedEventWaitsForItsBackoffAndIsParkedAfterItsLastTry(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.insertInboxEvent(InboxEvent(id: "e1", source: "ghl", payload: "{}"))

        let parkedFirst = try await store.deferInboxEvents(ids: ["e1"], error: "HTTP 500", maxAttempts: 2, park: true) { .seconds(60 * $0) }
        #expect(parkedFirst.isEmpty)
        #expect(try await store.pendingInboxEvents(due: Fixtures.epoch.addingTimeInterval(59)).isEmpty)
        #expect(try await store.pendingInboxEvents(due: Fixtures.epoch.addingTimeInterval(60)).map(\.attempts) == [1])
        let parked = try await store.deferInboxEvents(ids: ["e1"], error: "HTTP 500 again", maxAttempts: 2, park: true) { .seconds(60 * $0) }

        #expect(parked == ["e1"])
        let stored = try await store.parkedInboxEvents(limit: 10)
        #expect(stored.map(\.id) == ["e1"])
        #expect(stored.first?.lastError == "HTTP 500 again")
        #expect(stored.first?.parkedAt == Fixtures.epoch)
    }

    @Test(arguments: StoreBackend.available)
    func aWriteFgsyncFinishedIsFoundAsRecentOnlyOnItsSideAndRecord(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "delta", mode: "apply")
        let update = SyncCore.Operation(side: .ghl, kind: .update, fulcrumId: "f1", contactId: "c1")
        let entry = try #require(try await store.appendJournal(runId: run, operations: [update]).first)
        #expect(try await !store.wroteRecently(.ghl, id: "c1", since: Fixtures.epoch), "still pending")

        try await store.completeJournal(entry.id, response: "{}")

        #expect(try await store.wroteRecently(.ghl, id: "c1", since: Fixtures.epoch))
        #expect(try await !store.wroteRecently(.ghl, id: "c1", since: Fixtures.epoch.addingTimeInterval(1)))
        #expect(try await !store.wroteRecently(.fulcrum, id: "f1", since: Fixtures.epoch))
    }
}
