import Demo
import Foundation
import HighLevelAPI
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

    @Test func aTagWrittenToGHLIsNotUndoneByARunWhileSearchStillShowsTheOldTags() async throws {
        var options = SimulatorOptions()
        options.ghl.searchLagMillis = 30_000
        try await LiveHarness.run(options: options) { harness in
            await LiveSeeds.pairs(harness, count: 2, tags: ["Customer"])
            harness.advanceClock(seconds: 60)
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            try await harness.setRecordTags("f-1", ["Customer", "Lead"])
            let tagged = try await harness.reconcile()
            #expect(tagged.applied == ["ghl": ["addTags": 1]], "\(tagged.applied)")

            let (next, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(next.planned.isEmpty, "\(next.planned)")
            #expect(writes.total == 0, "\(writes)")
            #expect(await harness.recordTags("f-1") == ["customer", "lead"])
            #expect(Set(await harness.contacts().first { $0.id == "Ghl1" }?.tags ?? []) == ["customer", "lead"])
        }
    }

    @Test func aContactDeletedInGHLWhileSearchLagsIsDeletedInFulcrumOnceSearchCatchesUp() async throws {
        var options = SimulatorOptions()
        options.ghl.searchLagMillis = 30_000
        try await LiveHarness.run(options: options) { harness in
            await LiveSeeds.pairs(harness, count: 6)
            harness.advanceClock(seconds: 60)
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl4")
            let early = try await harness.reconcile()
            #expect(early.planned.isEmpty, "search still lists the contact: \(early.planned)")
            harness.advanceClock(seconds: 60)

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.snapshot.goneFromGHL == 1)
            #expect(report.applied == ["fulcrum": ["delete": 1]], "\(report.applied)")
            #expect(writes.fulcrum == ["DELETE /api/v2/records/:id": 1], "\(writes)")
            #expect(await harness.records().count == 5)
        }
    }
}
