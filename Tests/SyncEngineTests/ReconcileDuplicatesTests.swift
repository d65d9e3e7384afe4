import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// GHL refuses a create that duplicates an existing contact; the engine links to that contact.
@Suite(.serialized)
struct ReconcileDuplicatesTests {
    @Test func aGHLCreateAnsweredDuplicateIsLinkedToTheExistingContactInsteadOfFailing() async throws {
        var options = SimulatorOptions()
        // The contact exists but search (the snapshot) does not show it for a minute, so the
        // planner cannot match it and plans a create, which GHL answers with the duplicate 400.
        options.ghl.searchLagMillis = 60_000
        try await LiveHarness.run(options: options) { harness in
            let sims = harness.sims
            await sims.cluster.fulcrum.store.seed(records: [
                sims.fulcrumRecord(
                    id: "f-ada", values: ["first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "company_name": "Analytical Engines"],
                    tags: ["VIP"])
            ])
            await sims.cluster.ghl.store.seed(contacts: [
                sims.ghlContact(id: "GhlAda", fields: ["firstName": "Ada", "lastName": "Lovelace", "email": "Ada@Example.com", "phone": "+14155550101"], tags: ["newsletter"])
            ])

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.snapshot.ghlContacts == 0, "search already shows the contact; the test no longer covers the duplicate")
            #expect(report.planned["ghl"]?["create"] == 1)
            #expect(report.duplicatesLinked == 1)
            #expect(report.failed.isEmpty)
            #expect(await harness.contacts().count == 1)
            #expect(await harness.linkedRecordId(ofContact: "GhlAda") == "f-ada")
            #expect(await harness.linkedContactId(ofRecord: "f-ada") == "GhlAda")
            #expect(await harness.contactValue("GhlAda", "companyName") == "Analytical Engines")
            #expect(await harness.recordValue("f-ada", "phone") == "+14155550101")
            #expect(await harness.recordTags("f-ada") == ["vip", "newsletter"])
            #expect(Set(await harness.contacts().first?.tags ?? []) == ["vip", "newsletter"])

            // Once search catches up, the pair is settled: nothing more to write.
            harness.advanceClock(seconds: 120)
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(again.planned.isEmpty, "\(again.planned)")
            #expect(quiet.total == 0, "\(quiet)")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aPartnerRecreatedAfterADeleteIsLinkedToTheContactSomeoneAddedAgainByHand() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            try await harness.sims.ghlClient.deleteContact(id: "Ghl2")
            try await harness.editRecord("f-2", ["company_name": "Navy Labs"])
            // Someone adds Grace to GHL again by hand, without the link.
            await harness.sims.cluster.ghl.store.seed(contacts: [
                harness.sims.ghlContact(id: "GhlGraceAgain", fields: ["firstName": "Grace", "email": LiveSeeds.email(2)])
            ])

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.duplicatesLinked == 1)
            #expect(await harness.contacts().count == 6)
            #expect(await harness.linkedContactId(ofRecord: "f-2") == "GhlGraceAgain")
            #expect(await harness.contactValue("GhlGraceAgain", "companyName") == "Navy Labs")
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(again.planned.isEmpty && again.held.isEmpty, "\(again.planned) \(again.held)")
            #expect(quiet.total == 0, "\(quiet)")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }
}
