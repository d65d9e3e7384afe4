import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import SyncHTTP
import Testing

/// `fgsync sync`: one delta pass reads only what changed since the cursors (Fulcrum's change
/// feed, GHL's search on `dateUpdated`) and plans and applies it as a full reconcile would.
@Suite(.serialized)
struct DeltaSyncTests {
    static var delta: ReconcileOptions {
        var options = ReconcileOptions()
        options.delta = true
        return options
    }

    /// Requests by route that a run answered, from the simulators' stats.
    static func routes(_ harness: LiveHarness) -> [String: Int] {
        let (fulcrum, ghl) = harness.stats()
        var all: [String: Int] = [:]
        for stats in [fulcrum, ghl] {
            for (route, count) in stats["byRoute"]?.objectValue ?? [:] { all[route, default: 0] += count.intValue ?? 0 }
        }
        return all
    }

    @Test func aSyncBeforeAnyFullReconcileIsRefusedSayingToReconcileFirst() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            let error = await #expect(throws: SyncEngineError.self) { try await harness.reconcile(Self.delta) }
            #expect(error?.code == .usage)
            #expect(error?.message.contains("fgsync reconcile") == true)
            #expect(error.map(ExitStatus.code(for:)) == 2)
        }
    }

    @Test func anEditOnEachSideReachesTheOtherWithoutListingEitherSide() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            try await harness.editContact("Ghl1", ["lastName": "King"])
            try await harness.editRecord("f-2", ["company_name": "Hopper Labs"])
            let before = Self.routes(harness)

            let report = try await harness.reconcile(Self.delta)

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(await harness.recordValue("f-1", "last_name") == "King")
            #expect(await harness.contactValue("Ghl2", "companyName") == "Hopper Labs")
            let after = Self.routes(harness)
            #expect(before["GET /api/v2/records"] != nil, "the full reconcile listed the records: \(before.keys.sorted())")
            #expect(after["GET /api/v2/records"] == before["GET /api/v2/records"], "the delta listed every Fulcrum record")
            #expect((after["GET /api/v2/records/history"] ?? 0) > (before["GET /api/v2/records/history"] ?? 0), "\(after)")
        }
    }

    @Test func aRecordDeletedInFulcrumIsDeletedInGHLThroughTheChangeFeed() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-1")

            let report = try await harness.reconcile(Self.delta)

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(report.snapshot.goneFromFulcrum == 1)
            #expect(await harness.sims.cluster.ghl.store.contact(id: "Ghl1") == nil)
            #expect(await harness.sims.cluster.ghl.store.contact(id: "Ghl2") != nil)
        }
    }

    @Test func aPairChangedOnBothSidesBetweenPassesIsSettledAsAReconcileWouldSettleIt() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile()
            try await harness.editRecord("f-1", ["company_name": "From Fulcrum"])
            harness.advanceClock(seconds: 5)
            try await harness.editContact("Ghl1", ["companyName": "From GHL"])

            let report = try await harness.reconcile(Self.delta)

            let conflict = try #require(report.conflicts.first { $0.field == "company_name" })
            #expect(conflict.winner == "ghl")
            #expect(conflict.rule.hasPrefix("newest"))
            #expect(await harness.recordValue("f-1", "company_name") == "From GHL")
        }
    }

    @Test func aContactDeleteWaitingInTheInboxIsConfirmedByA404AndApplied() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")
            _ = try await harness.sims.ghlClient.updateContact(id: "Ghl2", json: Data(#"{"lastName":"Still Here"}"#.utf8))
            let store = try SQLiteStateStore(path: harness.statePath)
            // What serve stored before it stopped: GHL's ContactDelete, and a ContactDelete for a
            // contact that still exists (a hint, never the truth).
            for (event, id) in [("hook-1", "Ghl1"), ("hook-2", "Ghl2")] {
                let payload = #"{"type":"ContactDelete","locationId":"\#(harness.sims.summary.ghl.locationId)","id":"\#(id)"}"#
                try await store.insertInboxEvent(InboxEvent(id: "ghl:\(event)", source: "ghl", payload: payload))
            }

            let report = try await harness.reconcile(Self.delta)

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(report.events == 2)
            #expect(await harness.records().contains { $0.id == "f-1" } == false, "the delete was carried over")
            #expect(await harness.recordValue("f-2", "last_name") == "Still Here", "the live contact was only re-read")
            #expect(try await store.pendingInboxEvents().isEmpty)
        }
    }

    @Test func aSecondPassWithNothingNewWritesNothing() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            try await harness.editContact("Ghl1", ["lastName": "King"])
            _ = try await harness.reconcile(Self.delta)

            let (second, writes) = try await harness.countingWrites { try await harness.reconcile(Self.delta) }

            #expect(second.planned.isEmpty, "\(second.planned)")
            #expect(writes.total == 0, "\(writes)")
        }
    }

    @Test func aContactDeletedInGHLIsSettledByTheNextPassNotFailedForever() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")
            try await harness.editRecord("f-1", ["company_name": "Still Here Ltd"])

            let first = try await harness.reconcile(Self.delta)
            let second = try await harness.reconcile(Self.delta)

            #expect(first.failed.contains { $0.error.contains("deleted in GHL since it was read") }, "\(first.failed)")
            #expect(second.outcome == "ok", "\(second.failed)")
            let contactId = try #require(await harness.linkedContactId(ofRecord: "f-1"))
            #expect(contactId != "Ghl1", "modify beats delete: the contact is created again")
            #expect(await harness.contactValue(contactId, "companyName") == "Still Here Ltd")
        }
    }

    @Test func theFirstPassStartsFromTheLastFinishedSnapshotNotAReconcileThatStoppedBeforeIt() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile()
            try await harness.editContact("Ghl1", ["lastName": "King"])
            // A reconcile that stops on its first request records a failed run, and read nothing.
            let broken = harness.fulcrumGateway
            harness.fulcrumGateway = FormFailsFulcrumGateway(base: broken)
            _ = try? await harness.reconcile()
            harness.fulcrumGateway = broken

            let report = try await harness.reconcile(Self.delta)

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(await harness.recordValue("f-1", "last_name") == "King")
        }
    }

    @Test func aDryRunPassChangesNeitherSideNorTheStateFile() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile()
            try await harness.editContact("Ghl1", ["lastName": "King"])
            let before = DryRunTests.fingerprint(harness.statePath)

            let (report, writes) = try await harness.countingWrites { try await harness.runCommand(dryRun: true, delta: true) }

            #expect(report.operations?.contains { $0.side == "fulcrum" && $0.fields["last_name"] == "King" } == true)
            #expect(writes.total == 0, "\(writes)")
            #expect(DryRunTests.fingerprint(harness.statePath) == before)
        }
    }
}

/// A Fulcrum side whose form cannot be read: a run fails on its first request.
struct FormFailsFulcrumGateway: ForwardingFulcrumGateway {
    let base: any FulcrumGateway

    func form() async throws -> Data {
        throw APIError(.server, route: "GET /api/v2/forms/:id.json", status: 503, message: "down for maintenance")
    }
}
