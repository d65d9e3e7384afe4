import Foundation
import SyncCore
import SyncEngine
import SyncStore
import Testing
import TestSupport

/// `fgsync plan --state` shows the lookups a real run makes first, as `reconcile --dry-run` does.
struct PlanLookupsTests {
    @Test func aCreateInterruptedInTheStateFileIsListedAsALookupAndTheFileIsUnchanged() async throws {
        let scenario = try ScenarioLoader.load("three-way-only-ghl-changed")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-lookups-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        do {
            let store = try SQLiteStateStore(path: path)
            let runId = try await store.startRun(kind: "reconcile", mode: "apply")
            _ = try await store.appendJournal(runId: runId, operations: [
                Operation(
                    side: .ghl, kind: .create, fulcrumId: "f-interrupted", contactId: nil,
                    fields: ["email": FieldValue(canonical: "ida@example.com", text: "ida@example.com")])
            ])
            try store.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var job = try ScenarioRunner.job(scenario)
        job.baseSource = try StateBaseSource(path: path)

        let document = try await job.run().document

        #expect(document.lookups?.contains { $0.contains("Fulcrum record f-interrupted") } == true)
        #expect(document.text().contains("Looked up first by a real run:"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
