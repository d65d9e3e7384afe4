import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// What a delta pass, the reports and the console read besides the pair stream; on every backend.
@Suite(.dropsPostgresSchemas) struct StoreQueryTests {
    static func conflict(_ fulcrumId: String, _ field: String) -> Conflict {
        Conflict(
            fulcrumId: fulcrumId, contactId: "c-\(fulcrumId)", field: field, base: nil, fulcrum: Fixtures.value("a"),
            ghl: Fixtures.value("b"), fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: nil, rule: "manual")
    }

    @Test(arguments: StoreBackend.available)
    func theTouchedPairsAreFoundByEitherIdInFulcrumIdOrder(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBases([Fixtures.base("f3", "c3"), Fixtures.base("f1", "c1"), Fixtures.base("f2", "c2")])
        try await store.upsert(.ghl, [Fixtures.mirror("c3")])

        let pairs = try await store.linkedPairs(fulcrumIds: ["f3", "f9"], contactIds: ["c1", "c3"])

        #expect(pairs.map(\.0.fulcrumId) == ["f1", "f3"])
        #expect(pairs.map { $0.2?.id } == [nil, "c3"])
    }

    @Test(arguments: StoreBackend.available)
    func ofTheRecordsTouchedOnlyTheUnlinkedOnesAreReturned(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.upsert(.ghl, [Fixtures.mirror("c1"), Fixtures.mirror("c2"), Fixtures.mirror("c3")])
        try await store.recordBase(Fixtures.base("f1", "c1"))

        #expect(try await store.unlinkedRecords(.ghl, among: ["c3", "c1", "c9"]).map(\.id) == ["c3"])
        #expect(try await store.unlinkedRecords(.ghl, among: []).isEmpty)
    }

    @Test(arguments: StoreBackend.available)
    func aTombstoneCountsAsABaseButNotAsALivePair(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        var gone = Fixtures.base("f2", "c2")
        gone.deletedSide = .fulcrum
        try await store.recordBases([Fixtures.base("f1", "c1"), gone])

        #expect(try await store.baseCount() == 2)
        #expect(try await store.liveBaseCount() == 1)
        #expect(try await store.base(fulcrumId: "f2")?.deletedSide == .fulcrum)
    }

    @Test(arguments: StoreBackend.available)
    func aRecreatedPartnersBaseReleasesTheLinkToTheDeletedOne(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.upsert(.fulcrum, [Fixtures.mirror("f1")])
        try await store.recordBase(Fixtures.base("f1", "c-old"))

        try await store.recordBaseReleasingDeletedPartners(Fixtures.base("f1", "c-new"))

        #expect(try await store.linkedContact(fulcrumId: "f1") == "c-new")
        #expect(try await store.linkedRecord(contactId: "c-old") == nil)
    }

    @Test(arguments: StoreBackend.available)
    func aLinkToAPartnerThatStillExistsIsNotReleased(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.upsert(.ghl, [Fixtures.mirror("c-old")])
        try await store.recordBase(Fixtures.base("f1", "c-old"))

        let error = await #expect(throws: StoreError.self) { try await store.recordBaseReleasingDeletedPartners(Fixtures.base("f1", "c-new")) }

        #expect(error?.code == .linkConflict)
        #expect(try await store.linkedContact(fulcrumId: "f1") == "c-old")
    }

    @Test(arguments: StoreBackend.available)
    func openConflictsArePagedOldestFirstAndCountedWithoutLoading(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let ids = try await store.recordConflicts(
            [Self.conflict("f1", "email"), Self.conflict("f2", "email"), Self.conflict("f3", "email"), Self.conflict("f4", "email")], runId: nil)

        #expect(try await store.openConflictCount() == 4)
        #expect(try await store.openConflicts(limit: 2, offset: 1).map(\.id) == Array(ids[1...2]))
        #expect(try await store.openConflicts(limit: 2, offset: 3).map(\.id) == [ids[3]])
    }

    @Test(arguments: StoreBackend.available)
    func appliedDecisionsComeMostRecentFirstAndPendingOnesAreLeftOut(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        let ids = try await store.recordConflicts([Self.conflict("f1", "email"), Self.conflict("f2", "email"), Self.conflict("f3", "email")], runId: run)
        var decisions: [Int64] = []
        for id in ids { decisions.append(try await store.recordDecision(conflictId: id, choice: .ghl).id) }

        try await store.markDecisionsApplied(ids: Array(decisions.prefix(2)), runId: run)

        #expect(try await store.appliedDecisions(limit: 10).map(\.id) == [decisions[1], decisions[0]])
        #expect(try await store.appliedDecisions(limit: 1).map(\.appliedRun) == [run])
        #expect(try await store.pendingDecisions().map(\.id) == [decisions[2]])
    }

    @Test(arguments: StoreBackend.available)
    func severalCursorsAreSavedTogetherAndListedByName(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.setCursor("ghl.searchAfter", "old")

        try await store.setCursors(["fulcrum.history.sequence": "17", "ghl.searchAfter": "new"])

        #expect(try await store.cursors() == ["fulcrum.history.sequence": "17", "ghl.searchAfter": "new"])
    }

    @Test(arguments: StoreBackend.available)
    func onlyAFinishedSnapshotCountsAsTheLastFullOne(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let first = try await backend.store(in: directory)
        let seq = try await first.beginSnapshot(.ghl)
        _ = try await first.finishSnapshot(.ghl, snapshot: seq)
        let later = try await backend.store(in: directory, clock: .fixed(Fixtures.epoch.addingTimeInterval(3_600)))
        _ = try await later.beginSnapshot(.ghl)

        #expect(try await later.lastFullSnapshotStart(.ghl) == Fixtures.epoch)
        #expect(try await later.lastFullSnapshotStart(.fulcrum) == nil)
    }
}
