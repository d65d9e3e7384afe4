import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
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

    @Test func aLostGHLCreateIsFoundByGHLsDuplicateCheckWhileSearchStillLags() async throws {
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
            let second = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            _ = try await harness.reconcile()

            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            #expect(second.held.isEmpty, "\(second.held)")
            #expect(await harness.contacts().count == 4)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aLostGHLCreateWithNoEmailOrPhoneIsHeldUntilSearchCanSeeItThenLinkedNotCreatedTwice() async throws {
        var options = Self.options()
        options.ghl.searchLagMillis = 30_000
        try await LiveHarness.run(options: options) { harness in
            await harness.sims.cluster.fulcrum.store.seed(records: [
                harness.sims.fulcrumRecord(id: "f-anon", values: ["first_name": "Anonymous", "company_name": "Bletchley"]),
            ])
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            harness.ghlGateway = harness.sims.ghlGateway

            let second = try await harness.reconcile()

            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            let held = try #require(second.held.first { $0.fulcrumId == "f-anon" }, "\(second.held)")
            #expect(held.reason.contains("no email or phone"), "\(held.reason)")
            #expect(held.reason.contains("not created again before"), "\(held.reason)")
            #expect(await harness.contacts().count == 1)

            harness.advanceClock(seconds: 301)
            let third = try await harness.reconcile()

            #expect(third.outcome == "ok", "\(third.failed.map(\.error))")
            #expect(third.applied["ghl"]?["create"] == nil, "\(third.applied)")
            #expect(third.held.isEmpty, "\(third.held)")
            #expect(await harness.contacts().count == 1)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            let pending = try await SQLiteStateStore(path: harness.statePath).pendingJournal()
            #expect(pending.isEmpty)
        }
    }

    @Test func aGHLCreateWithNoEmailOrPhoneThatNeverArrivedIsSentAgainOnceTheSearchLagWindowHasPassed() async throws {
        try await LiveHarness.run(options: Self.options()) { harness in
            await harness.sims.cluster.fulcrum.store.seed(records: [
                harness.sims.fulcrumRecord(id: "f-anon", values: ["first_name": "Anonymous", "company_name": "Bletchley"]),
            ])
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway, reachesServer: false)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            harness.ghlGateway = harness.sims.ghlGateway

            let second = try await harness.reconcile()
            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            #expect(second.held.contains { $0.fulcrumId == "f-anon" }, "\(second.held)")

            harness.advanceClock(seconds: 301)
            let third = try await harness.reconcile()

            #expect(third.outcome == "ok", "\(third.failed.map(\.error))")
            #expect(third.applied["ghl"]?["create"] == 1, "\(third.applied)")
            #expect(await harness.contacts().count == 1)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aLostGHLCreateWhoseDuplicateCheckFailsIsHeldUntilSearchCanSeeItNotCreatedTwice() async throws {
        var options = Self.options()
        options.ghl.searchLagMillis = 30_000
        try await LiveHarness.run(options: options) { harness in
            await LiveSeeds.mixed(harness)
            harness.advanceClock(seconds: 60)  // the seeded contacts are in GHL's search
            harness.ghlGateway = LostCreateGHLGateway(harness.sims.ghlGateway)
            let first = try await harness.reconcile()
            #expect(first.failed.map(\.kind) == ["create"], "\(first.failed)")
            harness.ghlGateway = harness.sims.ghlGateway
            var faults = FaultConfig()
            faults.failNext = [.init(route: "/contacts/search/duplicate", method: "GET", count: 1_000, status: 500)]
            harness.sims.cluster.ghl.setFaults(faults)

            let second = try await harness.reconcile()

            #expect(second.applied["ghl"]?["create"] == nil, "\(second.applied)")
            let held = try #require(second.held.first { $0.fulcrumId == "f-alan" }, "\(second.held)")
            #expect(held.reason.contains("duplicate check failed"), "\(held.reason)")
            #expect(await harness.contacts().count == 4)

            harness.sims.cluster.ghl.setFaults(FaultConfig())
            harness.advanceClock(seconds: 301)
            let third = try await harness.reconcile()

            #expect(third.outcome == "ok", "\(third.failed.map(\.error))")
            #expect(third.applied["ghl"]?["create"] == nil, "\(third.applied)")
            #expect(await harness.contacts().count == 4)
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }
}
