import Foundation
import SyncStore
import Testing

/// The per-state-file record of whether the GHL app is installed in the sync's location.
@Suite(.dropsPostgresSchemas) struct InstallationRecordTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreBackend.available)

    func aStateFileWithoutARecordHasNone(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        #expect(try await store.installation() == nil)
    }

    @Test(arguments: StoreBackend.available)

    func theLatestFactIsKeptWithItsSourceAndAnOlderOneIsIgnored(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        #expect(try await store.recordInstallation(installed: false, at: Self.at, source: "webhook", locationId: "L1"))
        let late = try await store.recordInstallation(
            installed: true, at: Self.at.addingTimeInterval(-60), source: "webhook", locationId: "L1")
        #expect(!late)
        #expect(
            try await store.installation()
                == InstallationRecord(installed: false, at: Self.at, source: "webhook", locationId: "L1"))
    }
}
