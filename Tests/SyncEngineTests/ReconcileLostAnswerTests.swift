import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import Testing

/// A create that reached the server but whose answer was lost (a timeout after sending) is
/// found by the next run, never made twice, even where the other system allows duplicates.
@Suite(.serialized)
struct ReconcileLostAnswerTests {
    static func options() -> SimulatorOptions {
        var options = SimulatorOptions()
        options.ghl.allowDuplicateContacts = true
        return options
    }

    @Test func aFirstSyncCreateInGHLWhoseAnswerWasLostIsLinkedNextRunNotCreatedAgain() async throws {
        try await LiveHarness.run(options: Self.options()) { harness in
            await LiveSeeds.mixed(harness)
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            harness.ghlGateway = harness.sims.ghlGateway

            let second = try await harness.reconcile()

            #expect(second.outcome == "ok", "\(second.failed.map(\.error))")
            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            #expect(await harness.contacts().count == 4)
        }
    }

    @Test func aRecreatedContactAnswered422ThatStillCreatedItIsLinkedNextRunNotCreatedAgain() async throws {
        try await LiveHarness.run(options: Self.options()) { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            try await harness.sims.ghlClient.deleteContact(id: "Ghl5")
            try await harness.editRecord("f-5", ["company_name": "Still Here"])
            // GHL is known to answer 422 to a create it carried out (ghl.md §4.5).
            let rejected = APIError(.rejected(status: 422), route: "POST /contacts/", status: 422, message: "Unprocessable Entity")
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway, error: rejected)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            harness.ghlGateway = harness.sims.ghlGateway

            let second = try await harness.reconcile()

            #expect(second.outcome == "ok", "\(second.failed.map(\.error))")
            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            #expect(await harness.contacts().count == 6)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aContactRecreatedAfterADeleteWhoseAnswerWasLostIsLinkedNextRunNotCreatedAgain() async throws {
        try await LiveHarness.run(options: Self.options()) { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            try await harness.sims.ghlClient.deleteContact(id: "Ghl2")
            try await harness.editRecord("f-2", ["phone": "(415) 555-7777"])
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            #expect(await harness.contacts().count == 6, "the create reached GHL")
            harness.ghlGateway = harness.sims.ghlGateway

            let second = try await harness.reconcile()

            #expect(second.outcome == "ok", "\(second.failed.map(\.error))")
            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            #expect(second.held.isEmpty, "\(second.held)")
            #expect(await harness.contacts().count == 6)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            #expect(world.partner(ofRecord: "f-2")?.fields["phone"]?.canonical == "+14155557777")
        }
    }

    @Test func aRecordRecreatedAfterADeleteWhoseAnswerWasLostIsLinkedNextRunNotCreatedAgain() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-3")
            try await harness.editContact("Ghl3", ["companyName": "Bletchley Park"])
            harness.fulcrumGateway = LostCreateFulcrumGateway(harness.sims.fulcrumGateway)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            #expect(await harness.records().count == 6, "the create reached Fulcrum")
            harness.fulcrumGateway = harness.sims.fulcrumGateway

            let second = try await harness.reconcile()

            #expect(second.outcome == "ok", "\(second.failed.map(\.error))")
            #expect(second.applied["fulcrum"]?["create"] == nil, "\(second.applied)")
            #expect(second.held.isEmpty, "\(second.held)")
            #expect(await harness.records().count == 6)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aLostGHLCreateFoundOnlyAfterSearchCatchesUpIsNotCreatedTwice() async throws {
        var options = Self.options()
        options.ghl.searchLagMillis = 30_000
        try await LiveHarness.run(options: options) { harness in
            await LiveSeeds.mixed(harness)
            harness.advanceClock(seconds: 60)
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            harness.ghlGateway = harness.sims.ghlGateway

            // Right away: the lost contact is not in GHL's search yet.
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            _ = try await harness.reconcile()

            let world = try await harness.world()
            let contacts = await harness.contacts().count
            // Known gap: Recovery looks the lost contact up through search, which does not show it
            // yet, so the run right after re-creates it where the location allows duplicates. A
            // pending create cannot tell "never sent" (a crash) from "not indexed yet"; see the
            // e2e branch notes.
            withKnownIssue("a lost GHL create is looked up through lagging search") {
                #expect(contacts == 4)
                #expect(world.problems().isEmpty, "\(world.problems())")
            }
        }
    }
}
