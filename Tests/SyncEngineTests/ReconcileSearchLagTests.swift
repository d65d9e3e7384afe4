import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Testing

/// GHL's search (what the snapshot reads) lags behind writes; a run right after another must
/// not take the stale rows for changes or deletes.
@Suite(.serialized)
struct ReconcileSearchLagTests {
    @Test func aRunRightAfterAnotherWhileSearchLagsLosesNothingAndWritesNothing() async throws {
        var options = SimulatorOptions()
        options.ghl.searchLagMillis = 30_000
        try await LiveHarness.run(options: options) { harness in
            await LiveSeeds.mixed(harness)
            harness.advanceClock(seconds: 60)
            let first = try await harness.reconcile()
            #expect(first.outcome == "ok", "\(first.failed.map(\.error))")

            let (second, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(second.outcome == "ok", "\(second.failed.map(\.error))")
            #expect(second.planned.isEmpty, "\(second.planned)")
            #expect(writes.total == 0, "\(writes)")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            #expect(world.records.count == 4)
        }
    }
}
