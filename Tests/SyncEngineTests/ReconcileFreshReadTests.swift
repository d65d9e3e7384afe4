import Demo
import FulcrumAPI
import HighLevelAPI
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Synchronization
import Testing

/// No edit is lost between the snapshot and the write: a whole-valued Fulcrum key is written
/// from a fresh read, and a GHL value that changed without `dateUpdated` moving is read by id.
@Suite(.serialized)
struct ReconcileFreshReadTests {
    @Test func aTagAddedInFulcrumAfterTheSnapshotSurvivesTheTagWriteAndReachesGHL() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1, tags: ["Customer"])
            _ = try await harness.reconcile()
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl1", tags: ["Partner"])
            // Someone tags the record in Fulcrum once the listing has been read.
            let client = harness.sims.fulcrumClient
            let tagsKey = try #require(harness.sims.formKeys["tags"])
            let body = try JSONSerialization.data(withJSONObject: [
                "form_values": [tagsKey: ["choice_values": ["customer"], "other_values": ["Field Visit"]]]
            ])
            harness.fulcrumGateway = AfterListingFulcrumGateway(harness.fulcrumGateway) {
                _ = try await client.patchRecord(id: "f-1", json: body)
            }

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(await harness.recordTags("f-1") == ["customer", "partner", "field visit"])
            #expect(Set(try #require(await harness.sims.cluster.ghl.store.contact(id: "Ghl1")).tags) == ["customer", "partner", "field visit"])
        }
    }

    @Test func aFulcrumEditDuringTheRunIsNotOverwrittenByTheValueThisRunJustWroteToGHL() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1, tags: ["Customer"])
            _ = try await harness.reconcile()
            // The plan: company "Acme" to GHL, then the new GHL tag to Fulcrum (a whole-valued PATCH).
            try await harness.editRecord("f-1", ["company_name": "Acme"])
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl1", tags: ["Partner"])
            let client = harness.sims.fulcrumClient
            let companyKey = try #require(harness.sims.formKeys["company_name"])
            let body = try JSONSerialization.data(withJSONObject: ["form_values": [companyKey: "Acme Holdings"]])
            let clock = harness.sims.cluster.options.clock
            harness.fulcrumGateway = AfterListingFulcrumGateway(harness.fulcrumGateway) {
                _ = try await client.patchRecord(id: "f-1", json: body)
                // This run's own GHL write lands seconds later, so GHL's record time is the newer one.
                clock.advance(millis: 3_000)
            }

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(await harness.recordValue("f-1", "company_name") == "Acme Holdings")
            #expect(await harness.contactValue("Ghl1", "companyName") == "Acme Holdings")
            #expect(await harness.recordTags("f-1") == ["customer", "partner"])
        }
    }

    @Test func aGHLValueThatChangedWithoutDateUpdatedMovingIsSynced() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile()
            // The contact changes while its dateUpdated stays as the mirror has it.
            var contact = try #require(try JSONValue.parse(await harness.sims.ghlClient.contact(id: "Ghl1").json).objectValue)
            contact["lastName"] = "Byron"
            await harness.sims.cluster.ghl.store.seed(contacts: [.object(contact)])

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(await harness.recordValue("f-1", "last_name") == "Byron")
        }
    }
}

/// The real Fulcrum gateway; once the listing has been read, `then` runs (an edit made through
/// the API by someone else while the run is between its snapshot and its writes).
final class AfterListingFulcrumGateway: ForwardingFulcrumGateway {
    let base: any FulcrumGateway
    let then: @Sendable () async throws -> Void
    private let armed = Mutex(true)

    init(_ base: any FulcrumGateway, then: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.then = then
    }

    func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
        try await base.records(page)
        if armed.withLock({ armed in defer { armed = false }; return armed }) { try await then() }
    }
}
