import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite(.dropsPostgresSchemas)
struct StateCopyTests {
    /// A store with a row in every table a copy moves: a finished run with its report, both
    /// sides' mirrors from a full snapshot, a linked pair with its base, a link without a base,
    /// an open conflict and a decided one, audit, a done and a pending journal entry, cursors,
    /// an inbox event, children, the mapping hash and the install record.
    static func populated(_ store: any StateStore) async throws {
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        for side in [Side.fulcrum, .ghl] {
            let seq = try await store.beginSnapshot(side)
            let ids = side == .fulcrum ? ["f1", "f2", "f3"] : ["c1", "c2"]
            try await store.ingest(side, ids.map { Fixtures.mirror($0, email: "\($0)@example.com", version: 3) }, snapshot: seq)
            _ = try await store.finishSnapshot(side, snapshot: seq, runId: run)
        }
        try await store.recordBase(Fixtures.base("f1", "c1"))
        try await store.link(fulcrumId: "f2", contactId: "c2")
        let conflict = Conflict(
            fulcrumId: "f1", contactId: "c1", field: "email", base: Fixtures.value("a@x.com"),
            fulcrum: Fixtures.value("b@x.com"), ghl: Fixtures.value("c@x.com"), fulcrumUpdatedAt: Fixtures.epoch,
            ghlUpdatedAt: nil, winner: nil, rule: "manual")
        var other = conflict
        other.field = "name"
        try await store.recordConflicts([conflict, other], runId: run)
        let open = try await store.openConflicts()
        _ = try await store.recordDecision(conflictId: try #require(open.first).id, choice: .ghl)
        try await store.appendAudit(
            [try AuditEntry.overwrite(side: .ghl, recordId: "c1", field: "email", old: Fixtures.value("Old@x.com"), new: Fixtures.value("new@x.com"))],
            runId: run)
        let operation = SyncCore.Operation(side: .ghl, kind: .update, fulcrumId: "f1", contactId: "c1", fields: ["email": Fixtures.value("ada@example.com")])
        let entries = try await store.appendJournal(runId: run, operations: [operation, operation])
        try await store.completeJournal(entries[0].id, response: #"{"ok":true}"#)
        try await store.setCursors(["delta.fulcrum": "42", "delta.ghl": "2026-01-01T00:00:00.000Z"])
        _ = try await store.insertInboxEvent(InboxEvent(id: "ghl:evt-1", source: "ghl", payload: #"{"type":"ContactUpdate"}"#))
        try await store.saveGHLChildren(
            contactId: "c1", ChildListingRow(items: Data(#"[{"id":"n1"}]"#.utf8), runId: run, fulcrumId: "f1", fulcrumVersion: 3, ghlUpdated: nil))
        try await store.completeChildren(fulcrumId: "f1", contactId: "c1", children: [], journal: [])
        try await store.setMappingHash("abc123")
        _ = try await store.recordInstallation(installed: true, at: Fixtures.epoch, source: "webhook", locationId: "L1")
        try await store.finishRun(run, outcome: "applied", counts: ["updated": 1])
        try await store.saveRunReport(runId: run, json: Data(#"{"runId":1}"#.utf8))
    }

    /// Every table's rows, as `exportRows` gives them.
    static func dump(_ store: any StateStore) async throws -> [String: [[StateValue]]] {
        var tables: [String: [[StateValue]]] = [:]
        for table in StateTables.copyOrder {
            try await store.exportRows(of: table, chunk: 2) { tables[table, default: []] += $0.rows }
        }
        return tables
    }

    @Test func aCopyMovesEveryTableRowForRowKeepingIds() async throws {
        let directory = try TemporaryDirectory()
        let source = try await Fixtures.store(in: directory, name: "source.sqlite")
        try await Self.populated(source)
        let destination = try await Fixtures.store(in: directory, name: "copy.sqlite")

        var copy = StateCopy(from: source, to: destination)
        copy.chunk = 2
        let counts = try await copy.run()

        let before = try await Self.dump(source)
        #expect(try await Self.dump(destination) == before)
        #expect(StateTables.copyOrder.allSatisfy { (before[$0]?.count ?? 0) > 0 }, "a table had no row to copy: \(before.mapValues(\.count))")
        #expect(counts == before.mapValues(\.count))
    }

    @Test(arguments: StoreBackend.available)
    func aCopyThroughEachBackendComesBackRowForRow(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let source = try await Fixtures.store(in: directory, name: "source.sqlite")
        try await Self.populated(source)
        let middle = try await backend.store(in: directory, name: "middle.sqlite")
        let back = try await Fixtures.store(in: directory, name: "back.sqlite")

        var there = StateCopy(from: source, to: middle)
        there.chunk = 3
        try await there.run()
        var home = StateCopy(from: middle, to: back)
        home.chunk = 3
        try await home.run()

        #expect(try await Self.dump(back) == Self.dump(source))
    }

    @Test(arguments: StoreBackend.available)
    func aCopiedStoreAnswersAsTheOriginalDoes(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let source = try await Fixtures.store(in: directory, name: "source.sqlite")
        try await Self.populated(source)
        let destination = try await backend.store(in: directory, name: "copy.sqlite")
        try await StateCopy(from: source, to: destination).run()

        #expect(try await destination.openConflicts().map(\.id) == source.openConflicts().map(\.id))
        #expect(try await destination.linkedContact(fulcrumId: "f2") == "c2")
        #expect(try await destination.record(.ghl, id: "c1") == source.record(.ghl, id: "c1"))
        #expect(try await destination.base(fulcrumId: "f1") == source.base(fulcrumId: "f1"))
        #expect(try await destination.cursors() == source.cursors())
        #expect(try await destination.pendingInboxEvents().map(\.id) == ["ghl:evt-1"])
        #expect(try await destination.runReport(runId: 1) == source.runReport(runId: 1))
        #expect(try await destination.pendingJournal().map(\.id) == source.pendingJournal().map(\.id))
        #expect(try await destination.mappingHash() == "abc123")
        #expect(try await destination.installation() == source.installation())
        let next = try await destination.startRun(kind: "reconcile", mode: "apply")
        #expect(try await next > source.recentRuns(limit: 1).first!.id, "a new run must not reuse a copied run's id")
    }

    @Test(arguments: StoreBackend.available)
    func aCopyIntoAStoreThatHoldsStateIsRefusedAndWritesNothing(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let source = try await Fixtures.store(in: directory, name: "source.sqlite")
        try await Self.populated(source)
        let destination = try await backend.store(in: directory, name: "copy.sqlite")
        let run = try await destination.startRun(kind: "reconcile", mode: "apply")
        let before = try await Self.dump(destination)

        let error = await #expect(throws: StoreError.self) { try await StateCopy(from: source, to: destination).run() }
        #expect(error?.code == .notEmpty)
        #expect(error?.message.contains("never merges two histories") == true)
        #expect(try await Self.dump(destination) == before)
        #expect(try await destination.recentRuns().map(\.id) == [run])
    }
}
