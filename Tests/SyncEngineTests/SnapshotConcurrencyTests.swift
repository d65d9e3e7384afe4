import Demo
import Foundation
import SyncCore
import SyncEngine
import Testing

/// A reconcile lists Fulcrum and GHL at once, so a no-change run costs the slower side's pages
/// rather than both sides' in a row (issue 12, item 4).
@Suite(.serialized)
struct SnapshotConcurrencyTests {
    /// A Fulcrum side that lists only once the GHL listing has begun.
    struct WaitsForGHLFulcrumGateway: ForwardingFulcrumGateway {
        let base: any FulcrumGateway
        let ghlListing: TestSignal

        func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
            guard await ghlListing.wait() else { throw CancellationError() }
            try await base.records(page)
        }
    }

    /// A GHL side that announces when its listing begins.
    struct AnnouncingGHLGateway: ForwardingGHLGateway {
        let base: any GHLGateway
        let listing: TestSignal

        func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
            listing.fire()
            try await base.contacts(page)
        }
    }

    @Test(.timeLimit(.minutes(5))) func aReconcileListsGHLWhileFulcrumIsStillListing() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.crowd(harness, count: 9)
            let ghlListing = TestSignal()
            harness.fulcrumGateway = WaitsForGHLFulcrumGateway(base: harness.sims.fulcrumGateway, ghlListing: ghlListing)
            harness.ghlGateway = AnnouncingGHLGateway(base: harness.sims.ghlGateway, listing: ghlListing)

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }
}
