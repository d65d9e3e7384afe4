import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Simulators
import Testing
import _CryptoExtras

/// Collects what a loopback webhook receiver got.
actor Inbox {
    var items: [(headers: [String: String], body: Data)] = []
    func add(_ headers: [String: String], _ body: Data) { items.append((headers, body)) }
}

struct GHLWebhookTests {
    /// A real HTTP receiver on a free loopback port.
    static func receiver(_ inbox: Inbox) -> some ApplicationProtocol {
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            var buffer = try await request.body.collect(upTo: 1 << 20)
            await inbox.add(headers, Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
            return .ok
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func contactEventsReachALoopbackReceiverSignedWithRSAAndEd25519() async throws {
        let inbox = Inbox()
        try await Self.receiver(inbox).test(.live) { receiver in
            let port = try #require(receiver.port)
            let sim = await Fixture.ghl(transport: URLSessionWebhookTransport()) {
                $0.webhookURLs = ["http://127.0.0.1:\(port)/hook"]
            }
            try await sim.application().test(.router) { client in
                let created = try await client.ghl(
                    .post, "/contacts/", Body.contact(["firstName": "Ann", "tags": ["a"]]))
                let id = created.json["contact"]!["id"]!.stringValue!
                _ = try await client.ghl(.put, "/contacts/\(id)", ["lastName": "Lee"])
                _ = try await client.ghl(.post, "/contacts/\(id)/tags", ["tags": ["b"]])
                _ = try await client.ghl(.delete, "/contacts/\(id)")
            }
            await sim.webhooks.drain()
            let items = await inbox.items
            let types = items.compactMap { (try? JSONValue.parse($0.body))?["type"]?.stringValue }
            #expect(types == ["ContactCreate", "ContactUpdate", "ContactTagUpdate", "ContactDelete"])
            let rsaKey = try _RSA.Signing.PublicKey(pemRepresentation: sim.signer.rsaPublicKeyPEM)
            let edKey = try Curve25519.Signing.PublicKey(
                rawRepresentation: try #require(Data(base64Encoded: sim.signer.ed25519PublicKeyBase64)))
            for item in items {
                let rsaSignature = try #require(
                    item.headers["x-wh-signature"].flatMap { Data(base64Encoded: $0) })
                #expect(
                    rsaKey.isValidSignature(
                        _RSA.Signing.RSASignature(rawRepresentation: rsaSignature), for: item.body,
                        padding: .insecurePKCS1v1_5))
                let edSignature = try #require(
                    item.headers["x-ghl-signature"].flatMap { Data(base64Encoded: $0) })
                #expect(edKey.isValidSignature(edSignature, for: item.body))
                let payload = try JSONValue.parse(item.body)
                #expect(payload["webhookId"]?.stringValue != nil)
                #expect(payload["timestamp"]?.stringValue != nil)
                #expect(payload["locationId"] == .string(Fixture.locationId))
            }
        }
    }

    @Test func deliveriesAreRetriedOnlyWhenTheReceiverAnswers429() async throws {
        let transport = RecordingTransport()
        await transport.state.setScript([429, 200, 500])
        let clock = SimClock(start: Fixture.start)
        let sim = await Fixture.ghl(clock: clock, transport: transport) {
            $0.webhookURLs = ["http://receiver/hook"]
        }
        try await sim.application().test(.router) { client in
            _ = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"]))
            await sim.webhooks.drain()
            #expect(await sim.webhooks.pendingCount() == 1)
            clock.advance(millis: 600_000)
            await sim.webhooks.drain()
            #expect(await transport.state.deliveries.count == 2)
            #expect(await sim.webhooks.pendingCount() == 0)
            _ = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "B"]))
            await sim.webhooks.drain()
            clock.advance(millis: 600_000)
            await sim.webhooks.drain()
            #expect(await transport.state.deliveries.count == 3)
            #expect(await sim.webhooks.pendingCount() == 0)
        }
    }

    @Test func notesAndTasksEmitTheirEventsAndTaskCreateLacksContactIdAndBody() async throws {
        let transport = RecordingTransport()
        let sim = await Fixture.ghl(transport: transport) { $0.webhookURLs = ["http://receiver/hook"] }
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"]))
            let id = created.json["contact"]!["id"]!.stringValue!
            let note = try await client.ghl(.post, "/contacts/\(id)/notes", ["body": "hello"])
            let noteId = note.json["note"]!["id"]!.stringValue!
            _ = try await client.ghl(.put, "/contacts/\(id)/notes/\(noteId)", ["body": "edited"])
            _ = try await client.ghl(.delete, "/contacts/\(id)/notes/\(noteId)")
            let task = try await client.ghl(
                .post, "/contacts/\(id)/tasks",
                ["title": "Call", "body": "b", "dueDate": "2026-12-01T10:00:00Z", "completed": false])
            let taskId = task.json["task"]!["id"]!.stringValue!
            _ = try await client.ghl(.put, "/contacts/\(id)/tasks/\(taskId)/completed", ["completed": true])
            _ = try await client.ghl(.delete, "/contacts/\(id)/tasks/\(taskId)")
        }
        await sim.webhooks.drain()
        let payloads = await transport.state.deliveries.compactMap { try? JSONValue.parse($0.body) }
        let types = payloads.compactMap { $0["type"]?.stringValue }
        #expect(
            types == [
                "ContactCreate", "NoteCreate", "NoteUpdate", "NoteDelete", "TaskCreate", "TaskComplete",
                "TaskDelete",
            ])
        let taskCreate = try #require(payloads.first { $0["type"] == "TaskCreate" })
        #expect(taskCreate["contactId"] == nil)
        #expect(taskCreate["body"] == nil)
    }
}
