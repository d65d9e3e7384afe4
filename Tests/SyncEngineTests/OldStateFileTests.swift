import Demo
import Foundation
import Simulators
import SyncEngine
import SyncStore
import Testing
import TestSupport

/// A state file written before schema v5 (`fixtures/state-v4`) or before v7 (`fixtures/state-v6`)
/// is upgraded in place on the first run of today's fgsync, which syncs on from it as if nothing
/// had changed.
@Suite struct OldStateFileTests {
    /// Runs `body` on a harness whose simulators hold the data the fixture's state file was
    /// reconciled against, with that state file in place.
    static func onTheOldFile(_ fixture: String, _ body: (inout LiveHarness) async throws -> Void) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-old-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        try OldStateFixture.copySimulatorData(to: data)
        var options = SimulatorOptions()
        options.dataDirectory = data
        try await LiveHarness.run(options: options) { harness in
            try OldStateFixture.copyState(fixture, to: harness.statePath)
            try await body(&harness)
        }
    }

    @Test(arguments: ["state-v4", "state-v6"])
    func theFirstRunOnAnOldStateFileWritesNothingToEitherSide(fixture: String) async throws {
        try await Self.onTheOldFile(fixture) { harness in
            let report = try await harness.reconcile()
            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.applied.values.allSatisfy { $0.isEmpty }, "\(report.applied)")
            #expect(try await SQLiteStateStore.openReadOnly(path: harness.statePath).schemaVersion() == "v8-agreement-flags")
        }
    }

    @Test(arguments: ["state-v4", "state-v6"])
    func anEditMadeAfterTheUpgradeReachesTheOtherSideOnce(fixture: String) async throws {
        try await Self.onTheOldFile(fixture) { harness in
            _ = try await harness.reconcile()
            let record = try #require(await harness.sims.cluster.fulcrum.store.allRecords().sorted { $0.id < $1.id }.first)
            try await harness.sims.editRecordAsAPerson(id: record.id, values: ["first_name": "Augusta"])
            let report = try await harness.reconcile()
            #expect(report.applied["ghl"] == ["update": 1], "\(report.applied)")
            #expect(report.applied["fulcrum"]?.isEmpty ?? true, "\(report.applied)")
            let renamed = await harness.sims.cluster.ghl.store.allContacts().filter { $0.fields["firstName"]?.stringValue == "Augusta" }
            #expect(renamed.count == 1)
        }
    }
}
