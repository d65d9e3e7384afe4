import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// Edits made through both APIs after a first sync, reconciled over loopback HTTP.
@Suite(.serialized)
struct ReconcileEditsTests {
    @Test func editsToDifferentFieldsOnEachSideMergeSoBothSidesEndWithBoth() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            let first = try await harness.reconcile()
            #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
            try await harness.editRecord("f-1", ["phone": "(415) 555-9999"])
            try await harness.editContact("Ghl1", ["companyName": "Analytical Engines"])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.conflicts.isEmpty, "\(report.conflicts)")
            #expect(report.applied == ["fulcrum": ["update": 1], "ghl": ["update": 1]], "\(report.applied)")
            #expect(writes.fulcrum == ["PATCH /api/v2/records/:id": 1], "\(writes)")
            #expect(writes.ghl == ["PUT /contacts/:contactId": 1], "\(writes)")
            #expect(await harness.recordValue("f-1", "company_name") == "Analytical Engines")
            #expect(await harness.recordValue("f-1", "phone") == "(415) 555-9999")
            #expect(await harness.contactValue("Ghl1", "phone") == "+14155559999")
            #expect(await harness.contactValue("Ghl1", "companyName") == "Analytical Engines")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aChangeOnOneSideCostsExactlyOneWriteAndTheNextRunNone() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            try await harness.editContact("Ghl2", ["lastName": "Hopper-Murray"])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.applied == ["fulcrum": ["update": 1]], "\(report.applied)")
            #expect(writes.total == 1, "\(writes)")
            #expect(await harness.recordValue("f-2", "last_name") == "Hopper-Murray")
            #expect(again.planned.isEmpty, "\(again.planned)")
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func aValueClearedOnOneSideIsClearedOnTheOther() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            try await harness.editRecord("f-3", ["company_name": nil])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.applied == ["ghl": ["update": 1]], "\(report.applied)")
            #expect(writes.total == 1, "\(writes)")
            #expect(await harness.contactValue("Ghl3", "companyName") == nil)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aFieldBothSidesChangedAlikeThenOneSideChangedBackKeepsThatChange() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile()
            try await harness.editRecord("f-1", ["company_name": "Same Co"])
            try await harness.editContact("Ghl1", ["companyName": "Same Co"])
            let agreed = try await harness.reconcile()
            #expect(agreed.planned.isEmpty, "\(agreed.planned)")
            try await harness.editRecord("f-1", ["company_name": "Company 1"])

            let report = try await harness.reconcile()

            #expect(report.applied == ["ghl": ["update": 1]], "\(report.applied)")
            #expect(await harness.recordValue("f-1", "company_name") == "Company 1")
            #expect(await harness.contactValue("Ghl1", "companyName") == "Company 1")
        }
    }

    @Test func anInvalidEmailIsHeldWithItsReasonWhileTheOtherFieldsStillSync() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            try await harness.editRecord("f-1", ["email": "ada at example dot com"])
            try await harness.editContact("Ghl1", ["companyName": "Analytical Engines"])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            let held = try #require(report.held.first, "nothing held")
            #expect(report.held.count == 1)
            #expect(held.fulcrumId == "f-1" && held.field == "email", "\(held)")
            #expect(held.reason.contains("ada at example dot com"), "\(held.reason)")
            #expect(report.applied == ["fulcrum": ["update": 1]], "\(report.applied)")
            #expect(writes.total == 1, "\(writes)")
            #expect(await harness.contactValue("Ghl1", "email") == LiveSeeds.email(1).uppercased(), "GHL keeps its valid email")
            #expect(await harness.recordValue("f-1", "company_name") == "Analytical Engines")
        }
    }

    @Test func aValueClearedInGHLIsClearedInFulcrum() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            try await harness.editContact("Ghl2", ["phone": nil])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.applied == ["fulcrum": ["update": 1]], "\(report.applied)")
            #expect(writes.total == 1, "\(writes)")
            #expect(await harness.recordValue("f-2", "phone") == nil)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aLinkFieldClearedOnEitherSideIsWrittenBackFromTheStateFile() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            let linkField = harness.sims.summary.ghl.externalIdFieldId
            _ = try await harness.sims.ghlClient.updateContact(
                id: "Ghl1", json: Data(#"{"customFields":[{"id":"\#(linkField)","field_value":""}]}"#.utf8))
            try await harness.editRecord("f-2", ["ghl_contact_id": nil])
            #expect(await harness.linkedRecordId(ofContact: "Ghl1") == nil)

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.applied == ["ghl": ["link": 1], "fulcrum": ["link": 1]], "\(report.applied)")
            #expect(writes.total == 2, "\(writes)")
            #expect(await harness.linkedRecordId(ofContact: "Ghl1") == "f-1")
            #expect(await harness.linkedContactId(ofRecord: "f-2") == "Ghl2")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }
}
