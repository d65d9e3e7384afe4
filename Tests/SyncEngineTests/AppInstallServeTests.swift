import Demo
import Foundation
import Simulators
import SyncEngine
import SyncServer
import SyncStore
import Testing

/// Issue 15 item 3 in `serve`: the simulator's signed `UNINSTALL` event stops the sync of that
/// location, and only it, with a clear status; its `INSTALL` event lets it run again.
@Suite(.serialized)
struct AppInstallServeTests {
    @Test func anUninstallEventStopsOnlyItsLocationsSyncAndAnInstallEventLetsItRunAgain() async throws {
        try await ManySyncServeHarness.run { many in
            let south = many.harnesses[1].sims
            let location = south.summary.ghl.locationId

            #expect(await south.cluster.ghl.setInstalled(false, locationId: location) == true)
            await many.deliver()

            let record = try #require(try await SQLiteStateStore.openReadOnly(path: many.statePath("south")).installation())
            #expect(record.installed == false)
            #expect(record.source == "webhook")
            #expect(record.locationId == location)
            #expect(await many.metric(#"fgsync_app_events_total{type="UNINSTALL",sync="south"}"#) == 1)
            let stopped = await #expect(throws: SyncEngineError.self) { try await many.serve.poll(sync: "south") }
            #expect(stopped?.code == .uninstalled)
            #expect(stopped?.message.contains("location \(location) has uninstalled the app") == true, "\(stopped?.message ?? "")")
            #expect(try await many.serve.poll(sync: "north").outcome == "ok")
            #expect(try await many.serve.poll(sync: "east").outcome == "ok")

            #expect(await south.cluster.ghl.setInstalled(true, locationId: location) == true)
            await many.deliver()

            #expect(try await SQLiteStateStore.openReadOnly(path: many.statePath("south")).installation()?.installed == true)
            #expect(try await many.serve.poll(sync: "south").outcome == "ok")
        }
    }

    @Test func anInstallEventForALocationNoSyncNamesIsAnsweredAndRecordedNowhere() async throws {
        try await ManySyncServeHarness.run(names: ["north", "south"]) { many in
            let clock = many.harnesses[0].sims.cluster.clock
            let status = try await ManySyncServeTests.postSignedGHL(
                many, ["type": "INSTALL", "locationId": "locNotConfigured000", "companyId": "agency1", "appId": "app1"], clock: clock)

            #expect(status == 200)
            #expect(await many.metric(#"fgsync_app_events_total{type="INSTALL",sync="(none)"}"#) == 1)
            for name in many.names {
                #expect(try await SQLiteStateStore.openReadOnly(path: many.statePath(name)).installation() == nil, "\(name)")
            }
        }
    }
}
