import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// Issue 12 item 2: a full snapshot keeps a listed record whose raw JSON the mirror already
/// holds (projected under the same mapping) without parsing or projecting it again, and still
/// counts it as seen.
@Suite(.serialized)
struct ReconcileUnchangedTests {
    static let pairs = 6

    /// Six pairs synced, then a second run that settles what the first one wrote.
    static func settled(_ harness: LiveHarness, config: MappingConfig? = nil) async throws {
        await LiveSeeds.pairs(harness, count: pairs)
        let first = try await harness.reconcile(config: config)
        #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
        let second = try await harness.reconcile(config: config)
        #expect(second.outcome == "ok" && second.planned.isEmpty, "\(second.planned)")
    }

    /// Both mirrors' rows, as stored.
    static func mirrors(_ harness: LiveHarness) async throws -> [StateRows] {
        let store = try SQLiteStateStore(path: harness.statePath)
        defer { try? store.close() }
        var rows: [StateRows] = []
        for table in ["fulcrum_records", "ghl_contacts"] {
            try await store.exportRows(of: table, chunk: 1_000) { rows.append($0) }
        }
        return rows
    }

    /// One mirrored projection, read from the state file.
    static func mirrored(_ harness: LiveHarness, _ side: Side, _ id: String) async throws -> RecordState? {
        let store = try SQLiteStateStore(path: harness.statePath)
        defer { try? store.close() }
        return try await store.record(side, id: id)
    }

    @Test func aRunWithNothingChangedProjectsNoListedRecordAndWritesNoMirrorRow() async throws {
        try await LiveHarness.run { harness in
            try await Self.settled(harness)
            let before = try await Self.mirrors(harness)

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok" && report.planned.isEmpty, "\(report.planned)")
            #expect(report.snapshot.fulcrumRecords == Self.pairs && report.snapshot.ghlContacts == Self.pairs)
            #expect(report.snapshot.fulcrumUnchanged == Self.pairs, "every listed record is kept without projecting it")
            #expect(report.snapshot.ghlUnchanged == Self.pairs)
            #expect(writes.total == 0, "\(writes)")
            #expect(try await Self.mirrors(harness) == before)
        }
    }

    @Test func anEditedRecordIsStillProjectedAndItsChangeLandsOnTheOtherSide() async throws {
        try await LiveHarness.run { harness in
            try await Self.settled(harness)
            let recordId = LiveSeeds.recordId(2)
            try await harness.editRecord(recordId, ["last_name": "Edited"])

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.snapshot.fulcrumUnchanged == Self.pairs - 1, "only the edited record is projected")
            #expect(report.applied["ghl"]?["update"] == 1, "\(report.applied)")
            #expect(try await Self.mirrored(harness, .fulcrum, recordId)?.fields["last_name"]?.text == "Edited")
            #expect(await harness.contactValue(LiveSeeds.contactId(2), "lastName") == "Edited")
        }
    }

    @Test func afterAMappingChangeEveryListedRecordIsProjectedAgain() async throws {
        try await LiveHarness.run { harness in
            try await Self.settled(harness)
            let recordId = LiveSeeds.recordId(1)
            #expect(try await Self.mirrored(harness, .fulcrum, recordId)?.fields["company_name"] != nil)
            var changed = harness.sims.config
            changed.fields.removeAll { $0.fulcrum == "company_name" }

            let report = try await harness.reconcile(ReconcileOptions(force: true), config: changed)

            #expect(report.snapshot.fulcrumRecords == Self.pairs && report.snapshot.ghlContacts == Self.pairs)
            #expect(report.snapshot.fulcrumUnchanged == nil && report.snapshot.ghlUnchanged == nil)
            #expect(try await Self.mirrored(harness, .fulcrum, recordId)?.fields["company_name"] == nil,
                    "the mirror holds the projection under the new mapping")
            let again = try await harness.reconcile(config: changed)
            #expect(again.snapshot.fulcrumUnchanged == Self.pairs, "then kept again under the new mapping")
        }
    }

    @Test func aSnapshotThatKeptRecordsUnchangedRemovesExactlyTheOnesDeletedOnTheServer() async throws {
        try await LiveHarness.run { harness in
            try await Self.settled(harness)
            try await harness.sims.fulcrumClient.deleteRecord(id: LiveSeeds.recordId(3))
            try await harness.sims.ghlClient.deleteContact(id: LiveSeeds.contactId(5))

            let report = try await harness.reconcile()

            #expect(report.snapshot.fulcrumUnchanged == Self.pairs - 1 && report.snapshot.ghlUnchanged == Self.pairs - 1)
            #expect(report.snapshot.goneFromFulcrum == 1 && report.snapshot.goneFromGHL == 1)
            let store = try SQLiteStateStore(path: harness.statePath)
            defer { try? store.close() }
            #expect(try await store.record(.fulcrum, id: LiveSeeds.recordId(3)) == nil)
            #expect(try await store.record(.ghl, id: LiveSeeds.contactId(5)) == nil)
            #expect(try await store.auditEntries(side: .fulcrum, recordId: LiveSeeds.recordId(3)).first?.reason == "missing from full snapshot")
            // Pairs 3 and 5 lost their other side too (the deletes propagated); the rest stay.
            for index in [1, 2, 4, 6] {
                #expect(try await store.record(.fulcrum, id: LiveSeeds.recordId(index)) != nil, "record \(index) was kept")
                #expect(try await store.record(.ghl, id: LiveSeeds.contactId(index)) != nil, "contact \(index) was kept")
            }
        }
    }
}
