import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// Deletes on either side after a first sync: propagated, beaten by a modify, or archived.
///
/// Six linked pairs, so deleting one (17%) stays under the default `max_delete` of 20%.
@Suite(.serialized)
struct ReconcileDeletesTests {
    static func firstSync(_ harness: LiveHarness, config: MappingConfig? = nil) async throws {
        await LiveSeeds.pairs(harness, count: 6, tags: ["Lead"])
        let first = try await harness.reconcile(config: config)
        #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
        #expect(first.planned["fulcrum"]?["create"] == nil && first.planned["ghl"]?["create"] == nil, "\(first.planned)")
    }

    @Test func aContactDeletedInGHLDeletesItsUnchangedRecordInFulcrum() async throws {
        try await LiveHarness.run { harness in
            try await Self.firstSync(harness)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl2")

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.snapshot.goneFromGHL == 1)
            #expect(report.applied == ["fulcrum": ["delete": 1]], "\(report.applied)")
            #expect(writes.fulcrum == ["DELETE /api/v2/records/:id": 1] && writes.ghl.isEmpty, "\(writes)")
            #expect(await harness.records().map(\.id).sorted() == ["f-1", "f-3", "f-4", "f-5", "f-6"])
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            let (_, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func aRecordDeletedInFulcrumDeletesItsUnchangedContactInGHL() async throws {
        try await LiveHarness.run { harness in
            try await Self.firstSync(harness)
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-4")

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.snapshot.goneFromFulcrum == 1)
            #expect(report.applied == ["ghl": ["delete": 1]], "\(report.applied)")
            #expect(writes.ghl == ["DELETE /contacts/:contactId": 1] && writes.fulcrum.isEmpty, "\(writes)")
            #expect(await harness.contacts().map(\.id).sorted() == ["Ghl1", "Ghl2", "Ghl3", "Ghl5", "Ghl6"])
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            let (_, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func aRecordEditedAfterItsContactWasDeletedInGHLRecreatesTheContactAndLinksIt() async throws {
        try await LiveHarness.run { harness in
            try await Self.firstSync(harness)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl2")
            try await harness.editRecord("f-2", ["phone": "(415) 555-7777"])

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.applied["ghl"]?["create"] == 1, "\(report.applied)")
            #expect(report.applied["fulcrum"]?["delete"] == nil)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            let contact = try #require(world.partner(ofRecord: "f-2"), "f-2 has no partner")
            #expect(contact.id != "Ghl2")
            #expect(contact.fields["phone"]?.canonical == "+14155557777")
            #expect(contact.fields["email"]?.canonical == LiveSeeds.email(2))
            #expect(contact.tags.keys == ["lead"])
            #expect(await harness.contacts().count == 6)
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(again.planned.isEmpty, "\(again.planned)")
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func aContactEditedAfterItsRecordWasDeletedInFulcrumRecreatesTheRecordAndLinksIt() async throws {
        try await LiveHarness.run { harness in
            try await Self.firstSync(harness)
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-3")
            try await harness.editContact("Ghl3", ["companyName": "Bletchley Park"])

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.applied["fulcrum"]?["create"] == 1, "\(report.applied)")
            #expect(report.applied["ghl"]?["delete"] == nil)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            let recordId = try #require(world.contacts["Ghl3"]?.linkId)
            #expect(recordId != "f-3")
            #expect(world.records[recordId]?.fields["company_name"]?.text == "Bletchley Park")
            #expect(await harness.records().count == 6)
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(again.planned.isEmpty, "\(again.planned)")
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func archiveModeTagsTheSurvivorAndNeverRecreatesItsPartner() async throws {
        try await LiveHarness.run { harness in
            let yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(of: "mode: propagate", with: "mode: archive")
            let config = try MappingConfig.load(yaml: yaml, source: "archive config")
            try await Self.firstSync(harness, config: config)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl2")

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile(config: config) }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.applied == ["fulcrum": ["addTags": 1]], "\(report.applied)")
            #expect(writes.fulcrum == ["PATCH /api/v2/records/:id": 1] && writes.ghl.isEmpty, "\(writes)")
            #expect(await harness.recordTags("f-2") == ["lead", "fgsync-archived"])
            #expect(await harness.records().count == 6)

            // Later runs leave it alone, even after the survivor is edited.
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile(config: config) }
            #expect(again.planned.isEmpty, "\(again.planned)")
            #expect(quiet.total == 0, "\(quiet)")
            try await harness.editRecord("f-2", ["phone": "(415) 555-4242"])
            let (edited, none) = try await harness.countingWrites { try await harness.reconcile(config: config) }
            #expect(edited.planned.isEmpty, "\(edited.planned)")
            #expect(none.total == 0, "\(none)")
            #expect(await harness.contacts().count == 5)
        }
    }

    @Test func aPairDeletedOnBothSidesWritesNothingAndIsForgotten() async throws {
        try await LiveHarness.run { harness in
            try await Self.firstSync(harness)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl5")
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-5")

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.planned.isEmpty, "\(report.planned)")
            #expect(writes.total == 0, "\(writes)")
            #expect(try await SQLiteStateStore(path: harness.statePath).baseCount() == 5, "the pair's base is forgotten")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func archiveModeTagsTheSurvivingContactWhenItsRecordIsDeletedInFulcrum() async throws {
        try await LiveHarness.run { harness in
            let yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(of: "mode: propagate", with: "mode: archive")
            let config = try MappingConfig.load(yaml: yaml, source: "archive config")
            try await Self.firstSync(harness, config: config)
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-6")

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile(config: config) }

            #expect(report.applied == ["ghl": ["addTags": 1]], "\(report.applied)")
            #expect(writes.ghl == ["POST /contacts/:contactId/tags": 1] && writes.fulcrum.isEmpty, "\(writes)")
            #expect(Set(await harness.contacts().first { $0.id == "Ghl6" }?.tags ?? []) == ["lead", "fgsync-archived"])
            try await harness.editContact("Ghl6", ["companyName": "Still Here"])
            let (later, none) = try await harness.countingWrites { try await harness.reconcile(config: config) }
            #expect(later.planned.isEmpty, "\(later.planned)")
            #expect(none.total == 0, "\(none)")
            #expect(await harness.records().count == 5)
        }
    }

    @Test func ignoreModeLeavesTheSurvivorAloneAndNeverRecreatesItsPartner() async throws {
        try await LiveHarness.run { harness in
            let yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(of: "mode: propagate", with: "mode: ignore")
            let config = try MappingConfig.load(yaml: yaml, source: "ignore config")
            try await Self.firstSync(harness, config: config)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile(config: config) }
            try await harness.editRecord("f-1", ["company_name": "Edited After"])
            let (later, none) = try await harness.countingWrites { try await harness.reconcile(config: config) }

            #expect(report.outcome == "ok" && report.planned.isEmpty, "\(report.planned)")
            #expect(writes.total == 0, "\(writes)")
            #expect(later.planned.isEmpty, "\(later.planned)")
            #expect(none.total == 0, "\(none)")
            #expect(await harness.records().count == 6)
            #expect(await harness.contacts().count == 5)
        }
    }
}
