import Foundation
import SyncCore
import SyncEngine
import SyncStore
import Testing
import TestSupport

/// `fgsync plan --state` plans through the same evidence step as `reconcile`: a GHL webhook
/// stored in the state file's inbox dates GHL's change of a conflicting field (issue 10, item 5).
struct PlanWebhookEvidenceTests {
    @Test func aWebhookInTheStateFileDatesGHLsChangeForFgsyncPlan() async throws {
        // conflict-newest-wins: Ada's contact was saved on 2026-11-21, after Fulcrum's edit of
        // 2026-11-20, but a webhook says GHL changed the company to "Engines Limited" on 2026-11-19.
        let scenario = try ScenarioLoader.load("conflict-newest-wins")
        let direct = try await ScenarioRunner.job(scenario).run()
        let stored = try scenario.storedBases(mapping: direct.mapping)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        do {
            let store = try SQLiteStateStore(path: path)
            try await store.recordBases(stored.bases)
            if let hash = stored.mappingHash { try await store.setMappingHash(hash) }
            try await store.insertInboxEvent(InboxEvent(
                id: "wh-1", source: "ghl",
                payload: #"{"type":"ContactUpdate","id":"GhlAda","locationId":"loc-scenarios","companyName":"Engines Limited","timestamp":"2026-11-19T12:00:00.000Z","webhookId":"wh-1"}"#))
        }
        var job = try ScenarioRunner.job(scenario)
        job.baseSource = try StateBaseSource(path: path)

        let plan = try await job.run()

        let ada = try #require(plan.document.conflicts.first { $0.fulcrumId == "f-ada" })
        #expect(ada.winner == "fulcrum" && ada.rule == "newest-record", "\(ada)")
        #expect(direct.document.conflicts.first { $0.fulcrumId == "f-ada" }?.winner == "ghl", "without the webhook GHL's later save wins")
    }
}
