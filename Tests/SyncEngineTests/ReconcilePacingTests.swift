import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Testing

/// A reconcile paces itself under GHL's burst limit instead of running into 429s.
@Suite(.serialized)
struct ReconcilePacingTests {
    @Test func aFirstSyncOfManyPeopleUnderASmallBurstLimitCompletesWithoutFailures() async throws {
        var options = SimulatorOptions()
        options.clock = SimClock(start: Date(timeIntervalSince1970: 1_780_000_000), tickMillis: 1)
        options.ghl.burstLimit = 15
        options.ghl.burstWindowMillis = 10_000
        try await LiveHarness.run(options: options, sleeper: SimClockSleeper(clock: options.clock)) { harness in
            await LiveSeeds.crowd(harness, count: 60)
            let started = options.clock.nowMillis()

            let report = try await harness.reconcile()

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            #expect(world.records.count == 60)
            let statuses = harness.stats().ghl["byStatus"]?.objectValue ?? [:]
            #expect((statuses["429"]?.intValue ?? 0) == 0, "paced requests still hit the limit: \(statuses)")
            let sent = harness.stats().ghl["total"]?.intValue ?? 0
            #expect(sent > 3 * options.ghl.burstLimit, "only \(sent) GHL requests: the limit was never binding")
            #expect(options.clock.nowMillis() - started > 2 * options.ghl.burstWindowMillis, "the run never waited for a window")
        }
    }
}
