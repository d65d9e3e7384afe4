import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// Child writes under injected faults end the way the contacts' writes do: an authentication
/// failure stops the run, any other failure fails the pair's child writes (named) and the next
/// pair goes on, a create whose answer was lost is found again by what it sent.
@Suite(.serialized)
struct ChildWriteFaultsTests {
    static let firstRecord = LiveSeeds.recordId(1)
    static let firstContact = LiveSeeds.contactId(1)
    static let secondRecord = LiveSeeds.recordId(2)
    static let secondContact = LiveSeeds.contactId(2)

    static func json(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

    /// Two linked pairs, reconciled once, then a note added in Fulcrum on each record.
    static func twoPairsWithNewFulcrumNotes(_ harness: inout LiveHarness) async throws {
        await LiveSeeds.pairs(harness, count: 2)
        _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
        for (index, record) in [Self.firstRecord, Self.secondRecord].enumerated() {
            let item = try harness.newItem(.note, ["body": "Note \(index + 1)"])
            try await harness.editItems(record, .note) { $0 + [item] }
        }
    }

    /// Fails the next `count` requests to `route` on one simulator with `status` (0 drops the
    /// connection; `applied` carries the request out first, a lost answer).
    static func fail(_ harness: LiveHarness, ghl: Bool, method: String, route: String, count: Int, status: Int, applied: Bool = false) {
        var faults = FaultConfig()
        faults.failNext = [.init(route: route, method: method, count: count, status: status, applied: applied)]
        if ghl { harness.sims.cluster.ghl.setFaults(faults) } else { harness.sims.cluster.fulcrum.setFaults(faults) }
    }

    @Test func aTokenRefusedDuringChildWritesStopsTheRunBeforeTheNextPair() async throws {
        try await LiveHarness.run { harness in
            try await Self.twoPairsWithNewFulcrumNotes(&harness)
            Self.fail(harness, ghl: true, method: "POST", route: "/contacts/:contactId/notes", count: 1, status: 401)

            let error = await #expect(throws: SyncEngineError.self) {
                try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            }
            #expect(error?.code == .auth, "\(String(describing: error))")
            #expect(await harness.notes(Self.secondContact).isEmpty, "no child write was sent after the token was refused")
            let store = try SQLiteStateStore(path: harness.statePath)
            let run = try #require(try await store.recentRuns(limit: 1).first)
            #expect(run.outcome == "auth-failed")
        }
    }

    @Test func aChildWriteThatFailsNamesThePairTheChildAndTheFieldAndTheNextPairStillGoes() async throws {
        try await LiveHarness.run { harness in
            try await Self.twoPairsWithNewFulcrumNotes(&harness)
            Self.fail(harness, ghl: true, method: "POST", route: "/contacts/:contactId/notes", count: 1, status: 400)

            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            #expect(report.outcome == "failed")
            let failure = try #require(report.failed.first { $0.kind == "createNote" })
            #expect(report.failed.count == 1, "\(report.failed)")
            let pair = failure.fulcrumId == Self.firstRecord
                ? (Self.firstRecord, Self.firstContact, Self.secondContact) : (Self.secondRecord, Self.secondContact, Self.firstContact)
            for part in ["Fulcrum record \(pair.0)", "GHL contact \(pair.1)", "(body)", "the next run"] {
                #expect(failure.error.contains(part), "\(failure.error) does not name \(part)")
            }
            #expect(await harness.notes(pair.2).count == 1, "the other pair's note was still created")
            let retry = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(retry.failed.isEmpty, "\(retry.failed)")
            #expect(await harness.notes(pair.1).count == 1)
        }
    }

    @Test func aFailedFulcrumRecordWriteListsEveryChildItemItCarried() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            for body in ["first", "second"] {
                _ = try await harness.sims.ghlClient.createNote(contactId: Self.firstContact, json: Self.json(["body": body]))
            }
            Self.fail(harness, ghl: false, method: "PUT", route: "/api/v2/records/:id", count: 20, status: 500)

            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            let failed = report.failed.filter { $0.side == "fulcrum" && $0.kind == "createNote" }
            #expect(failed.count == 2, "both notes the record write carried are listed: \(report.failed)")
            let notes = await harness.notes(Self.firstContact)
            for id in notes.keys {
                #expect(failed.contains { $0.error.contains(id) }, "no failure names note \(id): \(failed.map(\.error))")
            }
        }
    }

    @Test func aReadThatTimesOutBeforeAFulcrumRecordWriteMarksItsChildWritesFailedNotPending() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            _ = try await harness.sims.ghlClient.createNote(contactId: Self.firstContact, json: Self.json(["body": "from GHL"]))
            Self.fail(harness, ghl: false, method: "GET", route: "/api/v2/records/:id", count: 20, status: 0)

            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            #expect(report.failed.contains { $0.side == "fulcrum" && $0.kind == "createNote" }, "\(report.failed)")
            let store = try SQLiteStateStore(path: harness.statePath)
            let pending = try await store.pendingJournal()
            #expect(pending.isEmpty, "nothing was sent, so nothing is left pending: \(pending.map(\.operation.kind))")
            let run = try #require(try await store.recentRuns(limit: 1).first)
            let entries = try await store.journal(runId: run.id).filter { $0.operation.kind == .createNote }
            #expect(!entries.isEmpty && entries.allSatisfy { $0.state == .failed }, "\(entries.map(\.state))")
        }
    }

    /// Replaces the body of the note item whose body is `old`, as the app would save it.
    static func editNote(_ harness: LiveHarness, from old: String, to new: String) async throws {
        try await harness.editItems(Self.firstRecord, .note) { items in
            items.map { item in
                var item = item
                var values = item["form_values"] as? [String: Any] ?? [:]
                for (key, value) in values where value as? String == old { values[key] = new }
                item["form_values"] = values
                return item
            }
        }
    }

    @Test func aNoteCreatedInGHLWhoseFulcrumLinkWriteFailedIsLinkedAndAnEditMadeSinceUpdatesIt() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            let item = try harness.newItem(.note, ["body": "Gate code 1234"])
            try await harness.editItems(Self.firstRecord, .note) { $0 + [item] }
            // The note is created in GHL; the read before writing its id back to Fulcrum fails.
            Self.fail(harness, ghl: false, method: "GET", route: "/api/v2/records/:id", count: 20, status: 0)
            let failed = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(failed.failed.contains { $0.kind == "linkChild" }, "\(failed.failed)")
            harness.sims.cluster.fulcrum.setFaults(FaultConfig())

            try await Self.editNote(harness, from: "Gate code 1234", to: "Gate code 5678")
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            #expect(report.failed.isEmpty, "\(report.failed)")
            let notes = await harness.notes(Self.firstContact)
            #expect(notes.values.sorted() == ["Gate code 5678"], "exactly one note, with the edited body: \(notes)")
            let items = try await harness.items(Self.firstRecord, .note)
            #expect(items.map { $0["body"] } == ["Gate code 5678"])
            #expect(items.first?["ghlId"] == notes.keys.first, "the item carries the one note's id")
        }
    }

    @Test func aNoteCreateWhoseAnswerWasLostIsFoundByWhatItSentAndAnEditMadeSinceUpdatesIt() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            let item = try harness.newItem(.note, ["body": "Gate code 1234"])
            try await harness.editItems(Self.firstRecord, .note) { $0 + [item] }
            // The create reaches GHL; its answer is lost on the way back.
            Self.fail(harness, ghl: true, method: "POST", route: "/contacts/:contactId/notes", count: 1, status: 0, applied: true)
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            let store = try SQLiteStateStore(path: harness.statePath)
            #expect(try await store.pendingJournal().contains { $0.operation.kind == .createNote }, "the create's outcome is unknown")
            #expect(await harness.notes(Self.firstContact).values.sorted() == ["Gate code 1234"])

            // Edited in Fulcrum before the next run.
            try await Self.editNote(harness, from: "Gate code 1234", to: "Gate code 5678")
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            #expect(report.failed.isEmpty, "\(report.failed)")
            let notes = await harness.notes(Self.firstContact)
            #expect(notes.values.sorted() == ["Gate code 5678"], "exactly one note, with the edited body: \(notes)")
            let items = try await harness.items(Self.firstRecord, .note)
            #expect(items.map { $0["body"] } == ["Gate code 5678"])
            #expect(items.first?["ghlId"] == notes.keys.first, "the item carries the one note's id")
            let (_, writes) = try await harness.countingWrites { try await harness.reconcile(ReconcileOptions(), config: harness.childConfig) }
            #expect(writes.total == 0, "\(writes)")
        }
    }
}
