import Foundation
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// Issue 15 item 4: `fgsync migrate-state --from --to` moves a sync's state; a database URL
/// with a password never goes on the command line.
struct MigrateStateCommandTests {
    @Test func aURLCarryingAPasswordIsRefusedWithoutRepeatingIt() async throws {
        let result = try await CLIExitCodeTests.run(["migrate-state", "--from", "/tmp/none.sqlite", "--to", "postgres://fgsync:hunter2secret@db.example/fgsync"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--to carries a password"), "\(result.stderr)")
        #expect(result.stderr.contains("--to env:NAME"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2secret") && !result.stdout.contains("hunter2secret"))
    }

    @Test func aSourceThatDoesNotExistIsRefusedAndNothingIsMade() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("to.sqlite").path

        let result = try await CLIExitCodeTests.run(["migrate-state", "--from", directory.appendingPathComponent("missing.sqlite").path, "--to", destination])

        #expect(result.status == 2)
        #expect(result.stderr.contains("there is no state at"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    @Test func aStateFileIsCopiedIntoAnEmptyOneAndNotIntoOneThatHoldsState() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("from.sqlite").path
        let destination = directory.appendingPathComponent("to.sqlite").path
        let store = try SQLiteStateStore(path: source)
        let run = try await store.startRun(kind: "reconcile", mode: "apply")
        try await store.finishRun(run, outcome: "ok")
        try await store.link(fulcrumId: "f1", contactId: "c1")
        try store.close()

        let first = try await CLIExitCodeTests.run(["migrate-state", "--from", source, "--to", destination])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("copied 2 rows from \(source) to \(destination) (runs 1, links 1)"), "\(first.stdout)")
        let copy = try SQLiteStateStore.openReadOnly(path: destination)
        #expect(try await copy.recentRuns().map(\.id) == [run])
        #expect(try await copy.linkedContact(fulcrumId: "f1") == "c1")
        try copy.close()

        let again = try await CLIExitCodeTests.run(["migrate-state", "--from", source, "--to", destination])
        #expect(again.status == 2)
        #expect(again.stderr.contains("never merges two histories"), "\(again.stderr)")
    }
}
