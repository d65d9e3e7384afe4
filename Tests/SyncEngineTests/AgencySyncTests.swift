import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Synchronization
import Testing

/// A sync in agency mode (`ghl.agency_token_env`, `ghl.company_id`) against a 3-location
/// simulator, as sync `loc-2` of the config `fgsync simulate --locations 3 --write-config`
/// writes: it mints its location's token from the Company token, touches only its location, and
/// stops with one clear error when the location uninstalled the app.
struct AgencySyncTests {
    @Test func aSyncInAgencyModeReconcilesItsOwnLocationAndWritesNothingToTheOthers() async throws {
        try await Self.withWorld { world in
            let before1 = await world.cluster.ghl.stores[0].allContacts()
            let before3 = await world.cluster.ghl.stores[2].allContacts()

            _ = try await world.run()

            let records = await world.cluster.fulcrum.store.allRecords()
            #expect(records.count == 2)
            #expect(records.allSatisfy { $0.formId == world.sync.formId })
            let linked = await world.cluster.ghl.stores[1].allContacts()
            #expect(linked.allSatisfy { $0.customFields[world.sync.externalIdFieldId]?.stringValue != nil })
            #expect(await world.cluster.ghl.stores[0].allContacts() == before1)
            #expect(await world.cluster.ghl.stores[2].allContacts() == before3)
            #expect(world.mints() == 1)
        }
    }

    @Test func aSyncWithOnlyACompanyIdUsesTheStoredCompanyPairAndRefreshesItWhenRefused() async throws {
        try await Self.withWorld(storedPair: true) { world in
            let code = await world.cluster.ghl.store.issueAuthorizationCode()
            var authorization = GHLAuthorization(configPath: world.configPath, sync: "loc-2", statePath: world.statePath)
            authorization.company = true
            _ = try await authorization.run(code: code, redirectURI: "http://localhost/cb", environment: world.environment)
            let file = TokenFile(url: LiveConnection.companyTokenFile(statePath: world.statePath, companyId: GHLOptions().companyId))
            let stored = try #require(try file.load())
            #expect(stored.userType == "Company")
            // A day later the simulator refuses the Company token: the pair is refreshed and minting goes on.
            world.cluster.clock.advance(millis: 86_400_000)

            _ = try await world.run()

            #expect(try file.load()?.refreshToken != stored.refreshToken)
            #expect(await world.cluster.fulcrum.store.allRecords().count == 2)
        }
    }

    @Test func theLocationTokenIsKeptBesideTheStateFileForItsOwnerOnlyAndNeverLogged() async throws {
        try await Self.withWorld { world in
            let lines = LogLines()
            _ = try await world.run { lines.append($0) }

            let file = LiveConnection.locationTokenFile(statePath: world.statePath)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let stored = try #require(try TokenFile(url: file).load())
            #expect(stored.locationId == world.sync.locationId)
            #expect(!lines.all().contains { $0.contains(stored.accessToken) || $0.contains(world.companyToken) })
        }
    }

    @Test func aRevokedLocationTokenIsReplacedByANewlyMintedOne() async throws {
        try await Self.withWorld { world in
            _ = try await world.run()
            await world.uninstall()
            _ = await world.cluster.ghl.setInstalled(true, locationId: world.sync.locationId)

            _ = try await world.run()

            #expect(world.mints() == 2)
        }
    }

    @Test func aSyncWhoseLocationUninstalledStopsWithTheDistinctErrorAndStatus() async throws {
        try await Self.withWorld { world in
            await world.uninstall()

            let error = await #expect(throws: SyncEngineError.self) { _ = try await world.run() }

            #expect(error?.code == .uninstalled)
            #expect(error?.message == "location \(world.sync.locationId) has uninstalled the app; reinstall it from the Marketplace or remove sync loc-2 from the config")
            #expect(error.map { ExitStatus.code(for: $0) } == 5)
            let store = try SQLiteStateStore(path: world.statePath)
            #expect(try await store.installation()?.installed == false)
            #expect(await world.cluster.fulcrum.store.allRecords().isEmpty)
            try store.close()
        }
    }

    @Test func theCommandLineStopsTheUninstalledSyncWithExit5AndNoToken() async throws {
        try await Self.withWorld { world in
            await world.uninstall()

            let result = try await CLIExitCodeTests.run(
                ["reconcile", "--config", world.configPath, "--sync", "loc-2", "--quiet"], environment: world.environment)

            #expect(result.status == 5, "\(result.stderr)")
            #expect(result.stderr.contains("location \(world.sync.locationId) has uninstalled the app; reinstall it from the Marketplace or remove sync loc-2 from the config"))
            #expect(!result.stderr.contains(world.companyToken))
        }
    }

    @Test func aLocationRecordedUninstalledDoesNotStartUntilAnInstallIsRecorded() async throws {
        try await Self.withWorld { world in
            let store = try SQLiteStateStore(path: world.statePath)
            try await store.recordInstallation(
                installed: false, at: Date(timeIntervalSince1970: 1_800_000_000), source: "webhook",
                locationId: world.sync.locationId)

            let error = await #expect(throws: SyncEngineError.self) { _ = try await world.run() }
            #expect(error?.code == .uninstalled)
            #expect(world.mints() == 0)

            try await store.recordInstallation(
                installed: true, at: Date(timeIntervalSince1970: 1_800_000_060), source: "webhook",
                locationId: world.sync.locationId)
            try store.close()
            _ = try await world.run()
            #expect(await world.cluster.fulcrum.store.allRecords().count == 2)
        }
    }
}
