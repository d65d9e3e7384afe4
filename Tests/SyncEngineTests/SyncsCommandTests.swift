import Foundation
import Testing
import TestSupport

/// Issue 15 items 1 and 5 at the command line: `--sync NAME`, and commands over every sync of a
/// `syncs:` config.
struct SyncsCommandTests {
    static let config = Fixtures.url("syncs/config.yaml").path

    static func emptyFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-syncs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    @Test func statusOfASyncsConfigListsEverySyncInOneTable() async throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let result = try await CLIExitCodeTests.run(["status", "--config", Self.config, "--state", folder])

        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "fgsync status: 3 syncs (3 missing)")
        #expect(lines.contains { $0.hasPrefix("north ") && $0.contains("missing") })
        #expect(lines.contains { $0.hasPrefix("field-crew ") && $0.contains("missing") })
        #expect(lines.contains("south: no state file yet; run `fgsync reconcile --sync south`"))
    }

    @Test func statusJSONOfASyncsConfigHasOneRowPerSync() async throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let result = try await CLIExitCodeTests.run(["status", "--config", Self.config, "--state", folder, "--json"])

        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = try #require(object?["syncs"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["north", "south", "field-crew"])
        #expect(rows.map { $0["statePath"] as? String } == ["north", "south", "field-crew"].map { "\(folder)/fgsync-\($0).sqlite" })
        #expect(rows.allSatisfy { $0["health"] as? String == "missing" })
    }

    @Test(arguments: [
        ["resolve", "1", "--take", "ghl", "--config", config],
        ["report", "--config", config],
        ["auth", "ghl", "--config", config, "--refresh"],
    ])
    func aCommandOnOneSyncAsksWhichSyncOfSeveral(_ arguments: [String]) async throws {
        let result = try await CLIExitCodeTests.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("this config has 3 syncs (north, south, field-crew); name one with --sync NAME"), "\(result.stderr)")
    }

    @Test func anUnknownSyncNameIsRefusedWithTheNames() async throws {
        let result = try await CLIExitCodeTests.run(["reconcile", "--config", Self.config, "--sync", "west"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("fgsync reconcile: no sync is named \"west\"; this config has north, south, field-crew"), "\(result.stderr)")
    }
}
