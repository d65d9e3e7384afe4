import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncServer
import SyncStore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One `fgsync serve` for three syncs (three GHL locations, three Fulcrum forms): events reach
/// only their own sync, one sync's failure leaves the others syncing, and a flood on one
/// location does not starve the others.
@Suite(.serialized)
struct ManySyncServeTests {
    @Test func aChangeInLocationTwoReachesOnlyFulcrumFormTwo() async throws {
        try await ManySyncServeHarness.run { many in
            try await many.harnesses[1].editContact("Ghl1", ["lastName": "Southwind"])

            await many.deliver()
            await many.serve.drain()

            #expect(await many.harnesses[1].recordValue("f-1", "last_name") == "Southwind")
            #expect(await many.harnesses[0].recordValue("f-1", "last_name") == "Lovelace")
            #expect(await many.harnesses[2].recordValue("f-1", "last_name") == "Lovelace")
            #expect(await many.metric(#"fgsync_passes_total{kind="events",sync="south"}"#) == 1)
            #expect(await many.metric(#"fgsync_passes_total{kind="events",sync="north"}"#) == 0)
            #expect(await many.metric(#"fgsync_passes_total{kind="events",sync="east"}"#) == 0)
        }
    }

    @Test func aChangeInFulcrumFormThreeReachesOnlyLocationThree() async throws {
        try await ManySyncServeHarness.run { many in
            try await many.harnesses[2].editRecordAsAPerson("f-2", ["company_name": "Eastern Labs"])

            await many.deliver()
            await many.serve.drain()

            #expect(await many.harnesses[2].contactValue("Ghl2", "companyName") == "Eastern Labs")
            #expect(await many.harnesses[0].contactValue("Ghl2", "companyName") != "Eastern Labs")
            #expect(await many.harnesses[1].contactValue("Ghl2", "companyName") != "Eastern Labs")
            #expect(await many.metric(#"fgsync_webhooks_total{source="fulcrum",outcome="accepted",sync="east"}"#) == 1)
        }
    }

    @Test(arguments: ["ghl", "fulcrum"])
    func anEventForNoConfiguredSyncIsAnsweredOKAndCountedIgnored(source: String) async throws {
        try await ManySyncServeHarness.run { many in
            let clock = many.harnesses[0].sims.cluster.clock
            let status: Int
            if source == "ghl" {
                status = try await Self.postSignedGHL(
                    many, ["type": "ContactUpdate", "id": "Ghl1", "locationId": "someoneElsesLocation"], clock: clock)
            } else {
                let body = try JSONSerialization.data(withJSONObject: [
                    "id": "evt-unknown-form", "type": "record.update", "data": ["id": "f-1", "form_id": "someone-elses-form"],
                ])
                status = try await Self.post(many, "/webhooks/fulcrum/\(ServeHarness.secret)", body: body)
            }

            #expect(status == 200)
            #expect(await many.metric(#"fgsync_webhooks_total{source="\#(source)",outcome="ignored",sync="(none)"}"#) == 1)
            for name in many.names {
                #expect(try await SQLiteStateStore(path: many.statePath(name)).inboxDepth().waiting == 0, "\(name)'s inbox")
            }
        }
    }

    /// How one sync is made to fail while the others are fine.
    enum Breakage: String, CaseIterable, Sendable {
        /// GHL refuses south's token.
        case refusedToken
        /// South maps a Fulcrum field its form does not have.
        case brokenMapping
        /// A contact deleted in south trips its delete rail (max 20%, no floor).
        case trippedRail

        /// How south's pass ends.
        var outcome: String { self == .trippedRail ? "refused" : "error" }
        /// What `/readyz` says of south.
        var health: String { self == .trippedRail ? "refused by a safety rail" : "pass stopped" }
    }

    @Test(arguments: Breakage.allCases)
    func oneFailingSyncLeavesTheOtherTwoSyncing(_ breakage: Breakage) async throws {
        try await ManySyncServeHarness.run(
            edit: { index, yaml in
                guard breakage == .trippedRail, index == 1 else { return yaml }
                return yaml.replacingOccurrences(of: "  max_delete: 20%\n", with: "  max_delete: 20%\n  max_delete_floor: 0\n")
            },
            environment: { environment in
                var environment = environment
                if breakage == .refusedToken { environment["GHL_TOKEN_2"] = "pit-not-the-right-token" }
                return environment
            }
        ) { many in
            if breakage == .brokenMapping {
                let text = try String(contentsOfFile: many.configPath, encoding: .utf8)
                let south = text.range(of: "- name: south")!.upperBound..<text.range(of: "- name: east")!.lowerBound
                try text.replacingOccurrences(of: "{ fulcrum: company_name,", with: "{ fulcrum: no_such_field,", options: [], range: south)
                    .write(toFile: many.configPath, atomically: true, encoding: .utf8)
            }
            for harness in many.harnesses { try await harness.editContact("Ghl1", ["lastName": "Everywhere"]) }
            if breakage == .trippedRail { try await many.harnesses[1].sims.ghlClient.deleteContact(id: "Ghl2") }

            await many.deliver()
            await many.serve.drain()

            #expect(await many.harnesses[0].recordValue("f-1", "last_name") == "Everywhere")
            #expect(await many.harnesses[2].recordValue("f-1", "last_name") == "Everywhere")
            #expect(await many.harnesses[1].recordValue("f-1", "last_name") == "Lovelace")
            #expect(await many.harnesses[1].records().contains { $0.id == "f-2" }, "nothing deleted in south's form")
            #expect(await many.metric(#"fgsync_passes_total{outcome="\#(breakage.outcome)",sync="south"}"#) == 1)
            let (status, body) = try await many.get("/readyz")
            #expect(status == 200, "serve stays ready while other syncs are: \(body)")
            let health = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let syncs = try #require(health["syncs"] as? [String: String])
            #expect(syncs["north"] == "ready")
            #expect(syncs["east"] == "ready")
            #expect(syncs["south"]?.contains(breakage.health) == true, "\(syncs)")
        }
    }

    @Test func aFloodOnOneLocationDoesNotStarveTheOtherTwo() async throws {
        try await ManySyncServeHarness.run(configure: { job in
            job.maxConcurrentPasses = 1
            job.eventsPerPass = 2
        }) { many in
            for round in 1...6 {
                try await many.harnesses[0].editContact("Ghl1", ["lastName": "Flood\(round)"])
                try await many.harnesses[0].editContact("Ghl2", ["lastName": "Flood\(round)"])
            }
            try await many.harnesses[1].editContact("Ghl1", ["lastName": "South"])
            try await many.harnesses[2].editContact("Ghl1", ["lastName": "East"])
            await many.deliver()
            let serve = many.serve

            // Every sync's worker lines a pass up behind a held slot, then the slot is freed.
            let drains = await serve.holdingPassSlot {
                let drains = ["north", "south", "east"].map { name in Task { await serve.drain(sync: name) } }
                while await serve.passesWaiting() < 3 { await Task.yield() }
                return drains
            }
            for drain in drains { await drain.value }

            let turns = Array(await serve.passTurns().drop { $0 != "(held)" }.dropFirst())
            #expect(Set(turns.prefix(3)) == ["north", "south", "east"], "each sync had a turn before north's second: \(turns)")
            #expect(turns.filter { $0 == "north" }.count == 6, "12 events in passes of 2: \(turns)")
            #expect(await many.harnesses[1].recordValue("f-1", "last_name") == "South")
            #expect(await many.harnesses[2].recordValue("f-1", "last_name") == "East")
            #expect(await many.harnesses[0].recordValue("f-2", "last_name") == "Flood6")
        }
    }

    @Test func metricsLabelEverySeriesWithItsSync() async throws {
        try await ManySyncServeHarness.run { many in
            try await many.harnesses[0].editContact("Ghl1", ["lastName": "North"])
            await many.deliver()
            await many.serve.drain()

            let text = await many.serve.metricsText()
            let series = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.hasPrefix("fgsync_") }
            #expect(!series.isEmpty)
            #expect(series.allSatisfy { $0.contains("sync=\"") }, "unlabelled: \(series.filter { !$0.contains("sync=\"") })")
            for name in many.names { #expect(text.contains(#"fgsync_inbox_waiting{sync="\#(name)"}"#), "\(name)") }
            #expect(await many.metric(#"fgsync_writes_total{side="fulcrum",sync="north"}"#) == 1)
        }
    }

    @Test func aGHLInstallEventIsAcceptedCountedAndStartsNoPass() async throws {
        let seen = AppEventLog()
        try await ManySyncServeHarness.run(configure: { job in job.appEvents = { await seen.append($0) } }) { many in
            let clock = many.harnesses[0].sims.cluster.clock
            let location = many.harnesses[1].sims.summary.ghl.locationId

            let status = try await Self.postSignedGHL(
                many, ["type": "INSTALL", "locationId": location, "companyId": "agency1", "appId": "app1"], clock: clock)
            await many.serve.drain()

            #expect(status == 200)
            #expect(await many.metric(#"fgsync_app_events_total{type="INSTALL",sync="south"}"#) == 1)
            #expect(await seen.events.map(\.kind) == [.install])
            #expect(await seen.events.first?.sync == "south")
            #expect(await many.metric("fgsync_passes_total") == 0)
            #expect(try await SQLiteStateStore(path: many.statePath("south")).inboxDepth().waiting == 0)
        }
    }

    @Test func aServeWhereNoSyncCanStartIsRefusedNamingEachSyncAndWhy() async throws {
        var harnesses: [LiveHarness] = []
        for index in 1...2 { harnesses.append(try await LiveHarness.start(options: ManySyncServeHarness.options(index))) }
        let configPath = harnesses[0].directory.appendingPathComponent("fgsync.yml").path
        try ManySyncServeHarness.configYAML(harnesses, names: ["north", "south"], edit: { $1 })
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        var job = ServeJob(configPath: configPath, statePath: nil)
        job.port = 0
        job.environment = ManySyncServeHarness.environment(harnesses)

        let error = await #expect(throws: SyncEngineError.self) { try await job.start() }
        for harness in harnesses { await harness.stop() }

        #expect(error?.message.contains("north: no full reconcile") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("`fgsync reconcile --sync south`") == true, "\(error?.message ?? "")")
    }

    @Test func aSyncNoFullReconcileRanOnIsReportedWhileTheOthersAreServed() async throws {
        try await ManySyncServeHarness.run(reconciled: { $0 != "south" }) { many in
            let report = try await many.serve.poll(sync: "north")
            await #expect(throws: SyncEngineError.self) { try await many.serve.poll(sync: "south") }

            #expect(report.outcome == "ok")
            let (status, body) = try await many.get("/readyz")
            #expect(status == 200)
            let health = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let syncs = try #require(health["syncs"] as? [String: String])
            #expect(syncs["north"] == "ready")
            #expect(syncs["south"]?.contains("fgsync reconcile --sync south") == true, "\(syncs)")
        }
    }

    @Test func aSyncWhoseStateFileDoesNotOpenIsReportedAndItsEventsAskForARetry() async throws {
        try await ManySyncServeHarness.run(
            reconciled: { $0 != "south" },
            configure: { job in
                // South's state file cannot open: a folder stands where the file should be.
                let path = URL(fileURLWithPath: job.configPath).deletingLastPathComponent().appendingPathComponent("fgsync-south.sqlite").path
                try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        ) { many in
            let clock = many.harnesses[0].sims.cluster.clock
            let south = many.harnesses[1].sims.summary.ghl.locationId

            let status = try await Self.postSignedGHL(many, ["type": "ContactUpdate", "id": "Ghl1", "locationId": south], clock: clock)
            try await many.harnesses[0].editContact("Ghl1", ["lastName": "North"])
            await many.deliver()
            await many.serve.drain()

            #expect(status == 429, "GHL retries a 429")
            #expect(await many.harnesses[0].recordValue("f-1", "last_name") == "North")
            #expect(many.serve.syncNames == ["north", "east"])
            let (ready, body) = try await many.get("/readyz")
            #expect(ready == 200)
            let health = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let syncs = try #require(health["syncs"] as? [String: String])
            #expect(syncs["south"]?.contains("does not open") == true, "\(syncs)")
        }
    }

    /// POSTs a GHL event signed with the simulators' key, fresh on `clock`.
    static func postSignedGHL(_ many: ManySyncServeHarness, _ fields: [String: String], clock: SimClock) async throws -> Int {
        var object: [String: Any] = fields
        object["timestamp"] = Timestamp.format(clock.now(), milliseconds: true)
        object["webhookId"] = UUID().uuidString
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try await post(many, "/webhooks/ghl", body: bytes, headers: GHLWebhookSigner.shared.signatureHeaders(for: bytes).map { ($0.name, $0.value) })
    }

    /// POSTs raw bytes to serve; returns the status.
    static func post(_ many: ManySyncServeHarness, _ path: String, body: Data, headers: [(String, String)] = []) async throws -> Int {
        try await ServeHarness.post(serveURL: many.serve.url, path, body: body, headers: headers)
    }
}

/// The app events serve handed to the install flow.
actor AppEventLog {
    private(set) var events: [AppInstallEvent] = []
    func append(_ event: AppInstallEvent) { events.append(event) }
}

/// A single-sync config's serve, as before, with its series labelled `default`.
@Suite(.serialized)
struct SingleSyncServeLabelTests {
    @Test func aSingleSyncConfigLabelsItsSeriesWithTheSyncDefault() async throws {
        try await ServeHarness.run { serve in
            try await serve.harness.editContact("Ghl1", ["lastName": "King"])
            await serve.deliverAndDrain()

            let text = await serve.serve.metricsText()
            #expect(text.contains(#"fgsync_passes_total{kind="events",outcome="ok",sync="default"} 1"#), "\(text)")
            #expect(text.contains(#"fgsync_inbox_waiting{sync="default"} 0"#))
            let (_, ready) = try await serve.get("/readyz")
            #expect(ready.contains(#""syncs":{"default":"ready"}"#), "\(ready)")
        }
    }
}
