import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncReports
import SyncServer
import SyncStore
import Testing

/// `fgsync serve` end to end: the simulators' real signed deliveries reach a real serve, which
/// stores them, re-reads the records they name, and applies them in a delta pass.
@Suite(.serialized)
struct ServeSyncTests {
    @Test func aChangeInGHLReachesFulcrumThroughItsWebhookWithoutAFullPass() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await harness.editContact("Ghl1", ["lastName": "King"])
            let before = DeltaSyncTests.routes(harness)

            await serve.deliverAndDrain()

            #expect(await harness.recordValue("f-1", "last_name") == "King")
            let after = DeltaSyncTests.routes(harness)
            #expect(after["GET /api/v2/records"] == before["GET /api/v2/records"], "no Fulcrum listing")
            #expect(after["POST /contacts/search"] == before["POST /contacts/search"], "no GHL search: the event named the contact")
            #expect(try await serve.inbox().waiting == 0)
        }
    }

    @Test func anEventPassReusesTheSchemaARecentPassRead() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await harness.editContact("Ghl1", ["lastName": "First"])
            await serve.deliverAndDrain()
            let before = DeltaSyncTests.routes(harness)

            try await harness.editContact("Ghl2", ["lastName": "Second"])
            await serve.deliverAndDrain()

            let after = DeltaSyncTests.routes(harness)
            #expect(await harness.recordValue("f-2", "last_name") == "Second")
            let schemaRoutes = after.keys.filter { $0.contains("forms") || $0.contains("customFields") }
            #expect(schemaRoutes.allSatisfy { after[$0] == before[$0] }, "the second pass read the schema again: \(schemaRoutes)")
        }
    }

    @Test func aChangeInFulcrumReachesGHLThroughItsWebhook() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await serve.harness.editRecordAsAPerson("f-2", ["company_name": "Hopper Labs"])

            await serve.deliverAndDrain()

            #expect(await harness.contactValue("Ghl2", "companyName") == "Hopper Labs")
            #expect(await serve.metric(#"fgsync_webhooks_total{source="fulcrum",outcome="accepted"}"#) == 1)
        }
    }

    @Test func tagsAddedInGHLReachFulcrum() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl1", tags: ["renewal"])

            await serve.deliverAndDrain()

            #expect(await harness.recordTags("f-1").contains("renewal"))
        }
    }

    @Test func aNoteAddedInGHLReachesFulcrumThroughItsNoteCreateWebhook() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            _ = try await harness.sims.ghlClient.createNote(
                contactId: "Ghl1", json: try JSONSerialization.data(withJSONObject: ["body": "Called, left a message"]))

            await serve.deliverAndDrain()

            let items = try await harness.items("f-1", .note)
            #expect(items.compactMap { $0["body"] } == ["Called, left a message"], "\(items)")
            #expect(try await serve.inbox().waiting == 0)
        }
    }

    @Test func aContactDeletedInGHLIsDeletedInFulcrumOnceA404ConfirmsIt() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")

            await serve.deliverAndDrain()

            #expect(await harness.records().contains { $0.id == "f-1" } == false)
            #expect(await harness.records().contains { $0.id == "f-2" })
        }
    }

    @Test func aContactDeleteEventForAContactThatStillExistsDeletesNothing() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            let body = try Self.signedEvent(harness, ["type": "ContactDelete", "id": "Ghl1"])

            #expect(try await serve.post("/webhooks/ghl", body: body.bytes, headers: body.headers) == 200)
            await serve.serve.drain()

            #expect(await harness.records().contains { $0.id == "f-1" }, "the GET answered 200, so nothing was deleted")
            #expect(await harness.sims.cluster.ghl.store.contact(id: "Ghl1") != nil)
        }
    }

    @Test func anEditInFulcrumBeatsADeleteInGHL() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await serve.harness.editRecordAsAPerson("f-1", ["company_name": "Still Here Ltd"])
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")

            await serve.deliverAndDrain()

            #expect(await harness.records().contains { $0.id == "f-1" }, "modify beats delete")
            let contactId = try #require(await harness.linkedContactId(ofRecord: "f-1"))
            #expect(contactId != "Ghl1")
            #expect(await harness.contactValue(contactId, "companyName") == "Still Here Ltd")
        }
    }

    @Test func aFieldChangedOnBothSidesIsSettledAsAReconcileWouldSettleIt() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await serve.harness.editRecordAsAPerson("f-1", ["company_name": "From Fulcrum"])
            harness.advanceClock(seconds: 5)
            try await harness.editContact("Ghl1", ["companyName": "From GHL"])

            await serve.deliverAndDrain()

            #expect(await harness.recordValue("f-1", "company_name") == "From GHL", "newest wins")
            #expect(await harness.contactValue("Ghl1", "companyName") == "From GHL")
            let store = try SQLiteStateStore(path: harness.statePath)
            let last = try #require(try await store.recentRuns(limit: 1).first)
            let report = try RunReport.decode(try #require(try await store.runReport(runId: last.id)))
            let conflict = try #require(report.conflicts.first { $0.field == "company_name" }, "reported as reconcile reports it")
            #expect(conflict.winner == "ghl")
            #expect(conflict.rule.hasPrefix("newest"))
        }
    }

    @Test func anEditWhoseWebhookWasLostIsNotOverwrittenByItsPartnersEvent() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await harness.editRecordAsAPerson("f-1", ["company_name": "Older, from Fulcrum"])
            await harness.sims.cluster.ghl.webhooks.setDropping(true)
            harness.advanceClock(seconds: 5)
            try await harness.editContact("Ghl1", ["companyName": "Newer, from GHL"])
            await harness.sims.cluster.ghl.webhooks.drain()
            await harness.sims.cluster.ghl.webhooks.setDropping(false)

            await serve.deliverAndDrain()

            #expect(await harness.contactValue("Ghl1", "companyName") == "Newer, from GHL", "GHL's later edit survives")
            #expect(await harness.recordValue("f-1", "company_name") == "Newer, from GHL", "settled as a conflict, newest wins")
            let store = try SQLiteStateStore(path: harness.statePath)
            let last = try #require(try await store.recentRuns(limit: 1).first)
            let report = try RunReport.decode(try #require(try await store.runReport(runId: last.id)))
            #expect(report.conflicts.contains { $0.field == "company_name" && $0.winner == "ghl" })
        }
    }

    @Test func aFulcrumCreateWhoseAnswerWasLostInAnEventPassIsNotMadeTwice() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            var faults = FaultConfig()
            faults.failNext = [.init(route: "/api/v2/records", method: "POST", count: 1, status: 500, applied: true)]
            harness.sims.cluster.fulcrum.setFaults(faults)
            _ = try await harness.sims.ghlClient.createContact(
                json: Data(#"{"firstName":"Katherine","lastName":"Johnson","email":"kj@example.com"}"#.utf8))
            await serve.deliverAndDrain()
            harness.sims.cluster.fulcrum.setFaults(FaultConfig())

            harness.advanceClock(seconds: 601)
            await serve.deliverAndDrain()

            let emailKey = try #require(harness.sims.formKeys["email"])
            let made = await harness.records().filter { $0.formValues[emailKey]?.stringValue == "kj@example.com" }
            #expect(made.count == 1, "the record whose answer was lost is linked, not created again")
            await serve.deliverAndDrain()  // the echo of our own link write
            #expect(try await serve.inbox().waiting == 0)
            let linkKey = try #require(harness.sims.formKeys["ghl_contact_id"])
            let contactId = try #require(made.first?.formValues[linkKey]?.stringValue)
            #expect(await harness.linkedRecordId(ofContact: contactId) == made.first?.id)
        }
    }

    @Test func ourOwnWritesEchoingBackCauseNoWritesAndAreCounted() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            try await serve.harness.editRecordAsAPerson("f-1", ["company_name": "Echo Ltd"])
            await serve.deliverAndDrain()
            #expect(await harness.contactValue("Ghl1", "companyName") == "Echo Ltd")

            // GHL answers our PUT with a ContactUpdate webhook: it comes back to serve.
            let (_, writes) = await harness.countingWrites { await serve.deliverAndDrain() }

            #expect(writes.total == 0, "\(writes)")
            #expect(await serve.metric("fgsync_echoes_total") >= 1)
            let store = try SQLiteStateStore(path: harness.statePath)
            let last = try #require(try await store.recentRuns(limit: 1).first)
            let report = try RunReport.decode(try #require(try await store.runReport(runId: last.id)))
            #expect(report.echoes ?? 0 >= 1, "the pass report counts the echo")
        }
    }

    @Test func lostWebhooksAreCaughtUpByThePollPass() async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            await harness.sims.cluster.ghl.webhooks.setDropping(true)
            try await harness.editContact("Ghl2", ["lastName": "Hopper-King"])
            await serve.deliverAndDrain()
            #expect(await harness.recordValue("f-2", "last_name") == "Hopper", "the webhook was lost")
            #expect(try await serve.inbox().waiting == 0)

            let report = try await serve.serve.poll()

            #expect(report.outcome == "ok", "\(report.failed)")
            #expect(await harness.recordValue("f-2", "last_name") == "Hopper-King")
        }
    }

    @Test func theWorkerAppliesAnEventOnItsOwn() async throws {
        try await ServeHarness.run(worker: true) { serve in
            let harness = serve.harness
            try await harness.editContact("Ghl1", ["lastName": "Worker"])
            await serve.deliver()
            // The worker runs on its own task; wait for its pass (bounded, no fixed sleep).
            for _ in 0..<400 where await harness.recordValue("f-1", "last_name") != "Worker" {
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(await harness.recordValue("f-1", "last_name") == "Worker")
        }
    }

    @Test func anEventWhosePassKeepsFailingIsRetriedWithBackoffThenParkedAndListed() async throws {
        try await ServeHarness.run(configure: { $0.maxAttempts = 3 }) { serve in
            let harness = serve.harness
            try await harness.editContact("Ghl1", ["lastName": "Unreachable"])
            try serve.breakConfig()
            await serve.deliverAndDrain()
            #expect(try await serve.inbox().waiting == 1, "failed once, waiting for its next try")
            let (ready, reason) = try await serve.get("/readyz")
            #expect(ready == 503, "not ready while the last pass fails")
            #expect(reason.contains("the last events pass stopped"), "\(reason)")
            #expect(!reason.contains("FGSYNC"), "no secret")
            await serve.serve.drain()
            #expect(try await SQLiteStateStore(path: harness.statePath).pendingInboxEvents().first?.attempts == 1, "not due yet: the backoff holds it")

            for _ in 0..<2 {
                harness.advanceClock(seconds: 601)
                await serve.serve.drain()
            }

            let inbox = try await serve.inbox()
            #expect(inbox.waiting == 0)
            #expect(inbox.parked == 1, "parked after 3 tries")
            let status = try await StatusJob(statePath: harness.statePath).run()
            #expect(status.parkedEvents.count == 1)
            #expect(status.parkedEvents.first?.attempts == 3)
            #expect(status.text.contains("parked after repeated failures: 1"))
            #expect(status.parkedEvents.first?.error?.contains("no_such_field") == true, "the reason is kept")
        }
    }

    @Test func anOutageDelaysAnEventButNeverParksIt() async throws {
        try await ServeHarness.run(configure: { $0.maxAttempts = 2 }) { serve in
            let harness = serve.harness
            try await harness.editContact("Ghl1", ["lastName": "Patient"])
            var down = FaultConfig()
            down.p500 = 1
            harness.sims.cluster.fulcrum.setFaults(down)
            await serve.deliverAndDrain()
            for _ in 0..<4 {
                harness.advanceClock(seconds: 601)
                await serve.serve.drain()
            }
            #expect(try await serve.inbox().parked == 0, "Fulcrum answering 500 says nothing about the event")
            #expect(try await serve.inbox().waiting == 1)

            harness.sims.cluster.fulcrum.setFaults(FaultConfig())
            harness.advanceClock(seconds: 601)
            await serve.serve.drain()

            #expect(try await serve.inbox().waiting == 0)
            #expect(await harness.recordValue("f-1", "last_name") == "Patient")
        }
    }

    @Test func healthReadinessAndMetricsAnswerOnTheSameListener() async throws {
        try await ServeHarness.run { serve in
            let (health, _) = try await serve.get("/healthz")
            let (ready, _) = try await serve.get("/readyz")
            let (metricsStatus, metrics) = try await serve.get("/metrics")
            #expect(health == 200)
            #expect(ready == 200)
            #expect(metricsStatus == 200)
            #expect(metrics.contains("fgsync_inbox_waiting"))
        }
    }

    /// A GHL contact event signed with the simulator's key (as GHL would send it), fresh.
    static func signedEvent(_ harness: LiveHarness, _ fields: [String: String], signer: GHLWebhookSigner = .shared)
        throws -> (bytes: Data, headers: [(String, String)])
    {
        var object: [String: Any] = fields
        object["locationId"] = harness.sims.summary.ghl.locationId
        object["timestamp"] = object["timestamp"] ?? Timestamp.format(harness.sims.cluster.clock.now(), milliseconds: true)
        object["webhookId"] = object["webhookId"] ?? UUID().uuidString
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return (bytes, signer.signatureHeaders(for: bytes).map { ($0.name, $0.value) })
    }
}

/// What serve refuses before it listens.
@Suite(.serialized)
struct ServeStartTests {
    @Test func aServeBeforeAnyFullReconcileIsRefusedSayingToReconcileFirst() async throws {
        try await LiveHarness.run { harness in
            let configPath = harness.directory.appendingPathComponent("fgsync.yml").path
            try harness.sims.summary.fgsyncConfigYAML().write(toFile: configPath, atomically: true, encoding: .utf8)
            var job = ServeJob(configPath: configPath, statePath: harness.statePath)
            job.port = 0
            job.environment = ServeHarness.environment(harness)
            let error = await #expect(throws: SyncEngineError.self) { try await job.start() }
            #expect(error?.message.contains("fgsync reconcile") == true)
            #expect(error.map(ExitStatus.code(for:)) == 2)
        }
    }

    @Test func aFulcrumSecretTooShortForAURLSecretIsRefused() async throws {
        try await LiveHarness.run { harness in
            let configPath = harness.directory.appendingPathComponent("fgsync.yml").path
            try harness.sims.summary.fgsyncConfigYAML().write(toFile: configPath, atomically: true, encoding: .utf8)
            var job = ServeJob(configPath: configPath, statePath: harness.statePath)
            job.environment = ServeHarness.environment(harness).merging(["FGSYNC_FULCRUM_WEBHOOK_SECRET": "abc"]) { $1 }
            let error = await #expect(throws: SyncEngineError.self) { try await job.start() }
            #expect(error?.message.contains("at least 16") == true)
            #expect(error?.message.contains("abc") == false, "the secret is never printed")
        }
    }

    @Test func withoutTheFulcrumSecretVariableFulcrumDeliveriesAreRefused() async throws {
        let noSecret: (inout ServeJob) -> Void = { job in job.environment.removeValue(forKey: "FGSYNC_FULCRUM_WEBHOOK_SECRET") }
        try await ServeHarness.run(configure: noSecret) { serve in
            let body = Data(#"{"id":"evt-1","type":"record.update","data":{"id":"f-1"}}"#.utf8)
            let status = try await serve.post("/webhooks/fulcrum/\(ServeHarness.secret)", body: body)
            let waiting = try await serve.inbox().waiting
            #expect(status == 404)
            #expect(waiting == 0)
        }
    }
}
