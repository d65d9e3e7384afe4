import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// `fgsync plan`'s errors from files: each names the file (and page, or key) and what to do.
struct FilePlanJobErrorTests {
    /// A scratch folder holding a copy of one scenario's inputs, with one file replaced.
    final class Workspace {
        let directory: URL
        var config: URL { directory.appendingPathComponent("config.yaml") }
        var form: URL { directory.appendingPathComponent("form.json") }
        var records: URL { directory.appendingPathComponent("records.json") }
        var contacts: URL { directory.appendingPathComponent("contacts.json") }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "fgsync-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let scenario = try ScenarioLoader.load("three-way-only-ghl-changed")
            for (from, to) in [
                (scenario.configURL, config), (scenario.formURL, form), (scenario.recordsURL, records),
                (scenario.contactsURL, contacts),
            ] {
                try FileManager.default.copyItem(at: from, to: to)
            }
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

        func run() async throws -> FilePlanJob.Result {
            try await FilePlanJob(configURL: config, formURL: form, recordsURL: records, contactsURL: contacts)
                .run()
        }

        /// The message of the error `run()` throws, or `nil` when it succeeds.
        func failure() async -> (any Error)? {
            do {
                _ = try await run()
                return nil
            } catch {
                return error
            }
        }
    }

    @Test func theWorkspaceItselfPlans() async throws {
        #expect(try await Workspace().run().document.operations.count == 1)
    }

    @Test func aContactsFileThatIsNotJSONIsNamed() async throws {
        let workspace = try Workspace()
        try workspace.write("<html>rate limited</html>", to: workspace.contacts)
        let error = try #require(await workspace.failure() as? SyncCoreError)
        #expect(error.code == .invalidSnapshot)
        #expect(error.message.hasPrefix("contacts.json: not JSON"))
        #expect(error.message.contains("contacts list endpoint"))
    }

    @Test func aRecordsFileThatIsNotJSONIsNamed() async throws {
        let workspace = try Workspace()
        try workspace.write("", to: workspace.records)
        let error = try #require(await workspace.failure() as? SyncCoreError)
        #expect(error.message.hasPrefix("records.json: not JSON"))
    }

    @Test func aPageWithoutItsArrayIsNamedByFileAndPage() async throws {
        let workspace = try Workspace()
        try workspace.write(
            #"[{"contacts": [], "total": 0}, {"total": 0, "traceId": "t"}]"#, to: workspace.contacts)
        let error = try #require(await workspace.failure() as? SyncCoreError)
        #expect(
            error.message
                == #"contacts.json: page 2 has no "contacts" array; expected {"contacts": [...]} or a list of such pages"#
        )
    }

    @Test func anItemThatIsNotAnObjectIsNamedByPageAndPosition() async throws {
        let workspace = try Workspace()
        try workspace.write(#"{"records": [{"id": "f-1", "form_values": {}}, 42]}"#, to: workspace.records)
        let error = try #require(await workspace.failure() as? SyncCoreError)
        #expect(error.message == "records.json: page 1, item 2 is not a JSON object")
    }

    @Test func aConfigErrorNamesTheFileAndTheKey() async throws {
        let workspace = try Workspace()
        let text = try String(contentsOf: workspace.config, encoding: .utf8)
            .replacingOccurrences(of: "conflict_policy: newest", with: "conflict_policy: loudest")
        try workspace.write(text, to: workspace.config)
        let error = try #require(await workspace.failure() as? SyncCoreError)
        #expect(error.code == .invalidConfig)
        #expect(error.message.hasPrefix("config.yaml line "))
        #expect(
            error.message.contains(
                "defaults.conflict_policy: \"loudest\" is not one of: newest, fulcrum, ghl, manual"))
    }

    @Test func aConfigThatDoesNotFitTheFormNamesTheKey() async throws {
        let workspace = try Workspace()
        let text = try String(contentsOf: workspace.config, encoding: .utf8)
            .replacingOccurrences(of: "fulcrum: company_name,", with: "fulcrum: company,")
        try workspace.write(text, to: workspace.config)
        let error = try #require(await workspace.failure() as? SyncCoreError)
        #expect(error.message.hasPrefix("fields[4].fulcrum: \"company\" is not a field of form"))
    }

    @Test func aMissingFileIsAnInputErrorNamingThePath() async throws {
        let workspace = try Workspace()
        try FileManager.default.removeItem(at: workspace.form)
        let error = try #require(await workspace.failure() as? SyncEngineError)
        #expect(error.code == .input)
        #expect(error.message.hasPrefix(workspace.form.path))
        #expect(error.message.contains("cannot read the form file"))
    }
}
