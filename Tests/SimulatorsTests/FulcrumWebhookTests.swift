import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct FulcrumWebhookTests {
    static func addWebhook(_ client: any TestClientProtocol, url: String = "http://receiver/fulcrum")
        async throws -> Reply
    {
        try await client.fulcrum(
            .post, "/api/v2/webhooks.json", ["webhook": ["name": "sync", "url": .string(url)]])
    }

    @Test func webhookCRUDFollowsTheDocumentedShapes() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let created = try await Self.addWebhook(client)
            #expect(created.status == 201)
            let webhook = created.json["webhook"]!
            #expect(webhook["active"] == true)
            #expect(webhook["run_for_bulk_actions"] == true)
            let id = webhook["id"]!.stringValue!
            #expect(try await client.fulcrum(.get, "/api/v2/webhooks").json["total_count"] == 1)
            let updated = try await client.fulcrum(
                .put, "/api/v2/webhooks/\(id).json",
                ["webhook": ["name": "sync2", "url": "http://x/y", "active": false]])
            #expect(updated.json["webhook"]?["active"] == false)
            #expect(try await client.fulcrum(.delete, "/api/v2/webhooks/\(id)").status == 204)
            #expect(try await client.fulcrum(.get, "/api/v2/webhooks/\(id)").status == 404)
            let invalid = try await client.fulcrum(.post, "/api/v2/webhooks", ["webhook": ["name": "x"]])
            #expect(invalid.status == 422)
            #expect(
                invalid.json["webhook"]?["errors"]?["url"] == [
                    "can't be blank", "is too short (minimum is 5 characters)",
                ])
        }
    }

    @Test func recordEventsAreDeliveredUnsignedAndSkipWebhooksSuppressesThem() async throws {
        let transport = RecordingTransport()
        let sim = await Fixture.fulcrum(transport: transport)
        try await sim.application().test(.router) { client in
            _ = try await Self.addWebhook(client)
            let created = try await client.fulcrum(.post, "/api/v2/records", Body.record(["1a01": "A"]))
            let id = created.json["record"]!["id"]!.stringValue!
            _ = try await client.fulcrum(
                .patch, "/api/v2/records/\(id)", ["record": ["status": "x"]],
                headers: ["X-SkipWebhooks": "true"])
            _ = try await client.fulcrum(.delete, "/api/v2/records/\(id)")
        }
        await sim.webhooks.drain()
        let deliveries = await transport.state.deliveries
        let payloads = deliveries.compactMap { try? JSONValue.parse($0.body) }
        #expect(payloads.map { $0["type"]?.stringValue ?? "" } == ["record.create", "record.delete"])
        #expect(Set(payloads[0].objectValue!.keys) == ["id", "type", "owner_id", "data"])
        #expect(payloads[1]["data"]?["version"] == 3)
        #expect(deliveries.allSatisfy { $0.headers.keys.allSatisfy { !$0.contains("signature") } })
    }

    @Test func failedDeliveriesAreRetriedWithBackoff() async throws {
        let transport = RecordingTransport()
        await transport.state.setScript([500, nil, 200])
        let clock = SimClock(start: Fixture.start)
        let sim = await Fixture.fulcrum(clock: clock, transport: transport)
        try await sim.application().test(.router) { client in
            _ = try await Self.addWebhook(client)
            _ = try await client.fulcrum(.post, "/api/v2/records", Body.record(["1a01": "A"]))
        }
        await sim.webhooks.drain()
        #expect(await transport.state.deliveries.count == 1)
        clock.advance(millis: 16_000)
        await sim.webhooks.drain()
        #expect(await transport.state.deliveries.count == 2)
        clock.advance(millis: 31_000)
        await sim.webhooks.drain()
        #expect(await transport.state.deliveries.count == 3)
        #expect(await sim.webhooks.pendingCount() == 0)
    }
}
