import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncServer
import SyncStore
import Testing

/// Situations the console tests start from, made through the simulators' APIs.
enum ConsoleFlows {
    /// Simulators seeded with two linked pairs and one full reconcile, the config written with
    /// `editConfig` (no serve).
    static func reconciled(editConfig: (String) -> String) async throws -> (LiveHarness, String) {
        let harness = try await LiveHarness.start()
        await LiveSeeds.pairs(harness, count: 2)
        let configPath = harness.directory.appendingPathComponent("fgsync.yml").path
        try editConfig(harness.sims.summary.fgsyncConfigYAML()).write(
            toFile: configPath, atomically: true, encoding: .utf8)
        var first = ReconcileRun(
            configPath: configPath, statePath: harness.statePath, options: ReconcileOptions())
        first.environment = ServeHarness.environment(harness)
        first.clientOptions = LiveHarness.clientOptions()
        _ = try await first.run { _ in }
        return (harness, configPath)
    }

    /// Company changed on both sides of pair 1 (policy `manual`): one open conflict; its id.
    static func makeConflict(
        _ serve: ServeHarness, fulcrum: String = "From Fulcrum", ghl: String = "From GHL",
        record: String = "f-1", contact: String = "Ghl1"
    ) async throws -> Int64 {
        try await serve.harness.editRecordAsAPerson(record, ["company_name": fulcrum])
        serve.harness.advanceClock(seconds: 5)
        try await serve.harness.editContact(contact, ["companyName": ghl])
        await serve.deliverAndDrain()
        let open = try await SQLiteStateStore(path: serve.harness.statePath).openConflicts()
        let conflict = try #require(
            open.first { $0.conflict.fulcrumId == record && $0.conflict.field == "company_name" })
        return conflict.id
    }
}
