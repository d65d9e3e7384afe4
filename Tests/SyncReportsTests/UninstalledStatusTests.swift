import Foundation
import SyncReports
import SyncStore
import Testing

/// `fgsync status` shows a sync whose location uninstalled the GHL app as `uninstalled`.
struct UninstalledStatusTests {
    static func statePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-uninstalled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("fgsync-loc-2.sqlite").path
    }

    @Test func aStateFileRecordedUninstalledReadsAsUninstalledWithWhatToDo() async throws {
        let path = try Self.statePath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteStateStore(path: path)
        try await store.recordInstallation(
            installed: false, at: Date(timeIntervalSince1970: 1_800_000_000), source: "webhook", locationId: "L2")
        try store.close()

        let status = try await StatusJob(statePath: path).run()

        #expect(SyncHealth(status) == .uninstalled)
        #expect(status.text.contains("uninstalled: location L2 uninstalled the GHL app (recorded 2027-01-15T08:00:00Z from webhook)"))
    }

    @Test func anInstallRecordedAfterTheUninstallClearsIt() async throws {
        let path = try Self.statePath()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let store = try SQLiteStateStore(path: path)
        try await store.recordInstallation(
            installed: false, at: Date(timeIntervalSince1970: 1_800_000_000), source: "webhook", locationId: "L2")
        try await store.recordInstallation(
            installed: true, at: Date(timeIntervalSince1970: 1_800_000_060), source: "webhook", locationId: "L2")
        try store.close()

        let status = try await StatusJob(statePath: path).run()

        #expect(SyncHealth(status) == .new)
    }
}
