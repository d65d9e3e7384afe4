import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Logging
import TestSupport
import Simulators
import SyncCore
import SyncServer
import SyncStore
import Testing

/// Who may put an event in serve's inbox: each forged, stale, replayed or malformed delivery
/// is answered as GHL's and Fulcrum's retry rules need, counted, and never applied.
@Suite(.serialized)
struct ServeWebhookAuthTests {
    /// A delivery to refuse, and how.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let status: Int
        let outcome: String
        let source: String
        let make: @Sendable (ServeHarness) throws -> (path: String, body: Data, headers: [(String, String)])
        var testDescription: String { name }
    }

    static let wrongKey = GHLWebhookSigner.generate()

    static let cases: [Case] = [
        Case(name: "a forged signature", status: 401, outcome: "rejected_signature", source: "ghl") { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1"])
            let forged = Data(repeating: 7, count: 64).base64EncodedString()
            return ("/webhooks/ghl", event.bytes, [("x-ghl-signature", forged), ("x-wh-signature", forged)])
        },
        Case(name: "the right signature from the wrong key", status: 401, outcome: "rejected_signature", source: "ghl") { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1"], signer: wrongKey)
            return ("/webhooks/ghl", event.bytes, event.headers)
        },
        Case(name: "an RSA signature alone from the wrong key", status: 401, outcome: "rejected_signature", source: "ghl") { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1"], signer: wrongKey)
            return ("/webhooks/ghl", event.bytes, event.headers.filter { $0.0 == "x-wh-signature" })
        },
        Case(name: "a body changed after signing", status: 401, outcome: "rejected_signature", source: "ghl") { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactDelete", "id": "Ghl1"])
            let changed = Data(String(decoding: event.bytes, as: UTF8.self).replacingOccurrences(of: "Ghl1", with: "Ghl2").utf8)
            return ("/webhooks/ghl", changed, event.headers)
        },
        Case(name: "no signature at all", status: 401, outcome: "rejected_signature", source: "ghl") { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1"])
            return ("/webhooks/ghl", event.bytes, [])
        },
        Case(name: "a timestamp ten minutes old", status: 401, outcome: "rejected_stale", source: "ghl") { serve in
            let old = Timestamp.format(serve.harness.sims.cluster.clock.now().addingTimeInterval(-600), milliseconds: true)
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1", "timestamp": old])
            return ("/webhooks/ghl", event.bytes, event.headers)
        },
        Case(name: "a signed body that is not JSON", status: 400, outcome: "malformed", source: "ghl") { _ in
            let bytes = Data("type=ContactUpdate&id=Ghl1".utf8)
            return ("/webhooks/ghl", bytes, GHLWebhookSigner.shared.signatureHeaders(for: bytes).map { ($0.name, $0.value) })
        },
        Case(name: "a body over 1 MiB", status: 413, outcome: "too_large", source: "ghl") { serve in
            let event = try ServeSyncTests.signedEvent(
                serve.harness, ["type": "ContactUpdate", "id": "Ghl1", "companyName": String(repeating: "x", count: 1 << 20)])
            return ("/webhooks/ghl", event.bytes, event.headers)
        },
        Case(name: "a wrong Fulcrum secret", status: 404, outcome: "rejected_secret", source: "fulcrum") { serve in
            let body = try JSONSerialization.data(withJSONObject: [
                "id": UUID().uuidString, "type": "record.delete", "data": ["id": "f-2", "form_id": serve.harness.sims.summary.fulcrum.formId],
            ])
            return ("/webhooks/fulcrum/not-the-secret-at-all-0000", body, [])
        },
    ]

    @Test(arguments: cases)
    func aRefusedDeliveryIsAnsweredCountedAndNeverApplied(_ refused: Case) async throws {
        try await ServeHarness.run { serve in
            let harness = serve.harness
            // Ghl1 and f-2 are deleted without their webhooks reaching serve: a delivery that
            // got through would re-read them, find them gone, and delete their partners.
            await harness.sims.cluster.ghl.webhooks.setDropping(true)
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")
            await harness.sims.cluster.ghl.webhooks.drain()
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-2")
            let delivery = try refused.make(serve)
            let store = try SQLiteStateStore(path: harness.statePath)
            let before = try await store.pendingInboxEvents().count

            let status = try await serve.post(delivery.path, body: delivery.body, headers: delivery.headers)
            #expect(try await store.pendingInboxEvents().count == before, "nothing stored")
            await serve.serve.drain()

            #expect(status == refused.status)
            #expect(await serve.metric(#"fgsync_webhooks_total{source="\#(refused.source)",outcome="\#(refused.outcome)"}"#) == 1)
            #expect(await harness.records().contains { $0.id == "f-1" }, "nothing applied: f-1 is still there")
            #expect(await harness.sims.cluster.ghl.store.contact(id: "Ghl2") != nil, "nothing applied: Ghl2 is still there")
        }
    }

    @Test func aReplayedWebhookIdIsAnsweredOKAndQueuedOnce() async throws {
        try await ServeHarness.run { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1", "webhookId": "hook-1"])

            let first = try await serve.post("/webhooks/ghl", body: event.bytes, headers: event.headers)
            let replay = try await serve.post("/webhooks/ghl", body: event.bytes, headers: event.headers)

            #expect(first == 200)
            #expect(replay == 200, "a 2xx ends GHL's retries")
            #expect(try await serve.inbox().waiting == 1)
            #expect(await serve.metric(#"fgsync_webhooks_total{source="ghl",outcome="duplicate"}"#) == 1)
        }
    }

    @Test func aFulcrumEventForAnotherFormIsStoredThenIgnored() async throws {
        try await ServeHarness.run { serve in
            let body = try JSONSerialization.data(withJSONObject: [
                "id": "evt-other-form", "type": "record.update", "data": ["id": "f-1", "form_id": "another-form"],
            ])

            let status = try await serve.post("/webhooks/fulcrum/\(ServeHarness.secret)", body: body)
            await serve.serve.drain()

            #expect(status == 200)
            #expect(try await serve.inbox().waiting == 0)
            #expect(await serve.metric(#"fgsync_events_total{outcome="ignored"}"#) == 1)
        }
    }
}

/// What serve writes about deliveries: never the Fulcrum secret, a signature or a token.
@Suite(.serialized)
struct ServeSecretsTests {
    @Test func serveLogsAtTraceLevelShowNoSecretSignatureOrToken() async throws {
        let logs = LogCapture()
        let capture: (inout ServeJob) -> Void = { job in
            job.logger = Logger(label: "fgsync.serve.test") { _ in CapturingLogHandler(capture: logs) }
            job.logger.logLevel = .trace
        }
        try await ServeHarness.run(configure: capture) { serve in
            let event = try ServeSyncTests.signedEvent(serve.harness, ["type": "ContactUpdate", "id": "Ghl1"])
            let forged = event.headers.map { ($0.0, String($0.1.reversed())) }
            _ = try await serve.post("/webhooks/ghl", body: event.bytes, headers: forged)
            _ = try await serve.post("/webhooks/fulcrum/\(ServeHarness.secret)x", body: Data("{}".utf8))
            try await serve.harness.editRecordAsAPerson("f-1", ["company_name": "Logged Ltd"])
            try await serve.harness.editContact("Ghl2", ["lastName": "Logged"])
            await serve.deliverAndDrain()
            _ = try await serve.serve.poll()

            let secrets = [ServeHarness.secret, serve.harness.sims.summary.fulcrum.token, serve.harness.sims.summary.ghl.token]
                + event.headers.map(\.1)
            #expect(logs.count > 0, "serve logged its passes")
            for secret in secrets { #expect(!logs.text.contains(secret), "a log line shows a secret") }
        }
    }
}
