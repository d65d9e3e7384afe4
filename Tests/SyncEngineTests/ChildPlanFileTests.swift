import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// Issue 9 item 6: `fgsync plan --ghl-children` shows child operations with their ids, planned
/// through the same pass `reconcile` runs; a contact whose children were not saved plans none.
struct ChildPlanFileTests {
    static let root = ScenarioLoader.root.deletingLastPathComponent().appendingPathComponent("children")

    static func job(_ scenario: String, children: URL? = nil) -> FilePlanJob {
        let directory = root.appendingPathComponent(scenario)
        var job = FilePlanJob(
            configURL: root.appendingPathComponent("_shared/config.yaml"), formURL: root.appendingPathComponent("_shared/form.json"),
            recordsURL: directory.appendingPathComponent("records.json"), contactsURL: directory.appendingPathComponent("contacts.json"))
        job.ghlChildrenURL = children ?? directory.appendingPathComponent("children.json")
        return job
    }

    @Test func aPlanFromSavedBodiesShowsChildOperationsWithTheirIds() async throws {
        let document = try await Self.job("child-on-pair-being-created").run().document
        let kinds = document.operations.map { "\($0.side) \($0.kind)" }
        #expect(kinds == ["ghl create", "fulcrum link", "ghl createNote", "fulcrum linkChild"])
        let note = try #require(document.operations.first { $0.kind == "createNote" })
        #expect(note.childItemId == "i5")
        #expect(note.fields == ["body": "Met at the fair"])
        #expect(document.summary.operations["ghl"]?["createNote"] == 1)
    }

    @Test func aContactWhoseChildrenWereNotSavedHasNoChildOperations() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-empty-children-\(UUID().uuidString).json")
        try Data("{}".utf8).write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let document = try await Self.job("child-note-created-both-ways", children: empty).run().document
        #expect(!document.operations.contains { SyncCore.Operation.Kind(rawValue: $0.kind)?.isChild == true },
                "an unlisted contact's notes are neither created nor deleted: \(document.operations.map(\.kind))")
    }
}
