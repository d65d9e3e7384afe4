import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct FaultAndControlTests {
    @Test func failNextNRequestsToARouteWithAStatusThenRecover() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let rule: JSONValue = [
                "failNext": [["route": "/contacts/", "method": "POST", "count": 2, "status": 503]]
            ]
            #expect(try await client.ghl(.post, "/_sim/faults", rule).status == 200)
            let first = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"]))
            #expect(first.status == 503)
            #expect(first.header("Content-Type") == "text/html")
            #expect(try await client.ghl(.get, "/contacts/?locationId=\(Fixture.locationId)").status == 200)
            #expect(try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"])).status == 503)
            #expect(await sim.store.allContacts().isEmpty)
            #expect(try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"])).status == 201)
        }
    }

    @Test func probabilisticFaultsAreDeterministicForASeed() async throws {
        func run() async throws -> [Int] {
            let sim = await Fixture.fulcrum()
            return try await sim.application().test(.router) { client in
                _ = try await client.fulcrum(.post, "/_sim/faults", ["p500": 0.3, "p429": 0.2, "seed": 7])
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await client.fulcrum(.get, "/api/v2/forms").status) }
                return statuses
            }
        }
        let first = try await run()
        let second = try await run()
        #expect(first == second)
        #expect(first.contains(500))
        #expect(first.contains(200))
    }

    @Test func statsCountByMethodRouteTemplateAndStatus() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            _ = try await client.fulcrum(.get, "/api/v2/records/abc.json")
            _ = try await client.fulcrum(.get, "/api/v2/records/def")
            _ = try await client.fulcrum(.get, "/api/v2/forms")
            let stats = try await client.fulcrum(.get, "/_sim/stats").json
            #expect(stats["byRoute"]?["GET /api/v2/records/:id"] == 2)
            #expect(stats["byRoute"]?["GET /api/v2/forms"] == 1)
            #expect(stats["byStatus"]?["404"] == 2)
            #expect(stats["total"] == 3)
        }
    }

    @Test func resetRestoresTheSeedAndClearsFaults() async throws {
        let sim = await Fixture.ghl(seed: [["firstName": "Seed"]])
        try await sim.application().test(.router) { client in
            _ = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "New"]))
            _ = try await client.ghl(.post, "/_sim/faults", ["p500": 1.0])
            #expect(try await client.ghl(.post, "/_sim/reset").status == 200)
            #expect(await sim.store.allContacts().map { $0.string("firstName") } == ["Seed"])
            #expect(try await client.ghl(.get, "/contacts/?locationId=\(Fixture.locationId)").status == 200)
        }
    }

    @Test func controlNeedsTheSimulatorToken() async throws {
        let ghl = await Fixture.ghl()
        try await ghl.application().test(.router) { client in
            let refused = try await client.ghl(.post, "/_sim/reset", token: "nope")
            #expect(refused.status == 401)
            let keys = try await client.ghl(.get, "/_sim/webhook-keys", token: nil)
            #expect(keys.status == 200)
        }
        let fulcrum = await Fixture.fulcrum()
        try await fulcrum.application().test(.router) { client in
            let refused = try await client.fulcrum(.get, "/_sim/stats", token: "nope")
            #expect(refused.status == 401)
        }
    }

    @Test func webhookTargetsRegisteredThroughControlReceiveEvents() async throws {
        let transport = RecordingTransport()
        let sim = await Fixture.ghl(transport: transport)
        try await sim.application().test(.router) { client in
            let registered = try await client.ghl(.post, "/_sim/webhooks", ["url": "http://receiver/ghl"])
            #expect(registered.json["urls"] == ["http://receiver/ghl"])
            _ = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"]))
            let delivered = try await client.ghl(.post, "/_sim/webhooks/deliver")
            #expect(delivered.json["pending"] == 0)
        }
        #expect(await transport.state.deliveries.map(\.url) == ["http://receiver/ghl"])
    }

    @Test func clockAdvanceAnswersTheNewSimulatedTime() async throws {
        let sim = await Fixture.fulcrum(clock: SimClock(start: Fixture.start, tickMillis: 0))
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(.post, "/_sim/clock", ["advanceSeconds": 3600])
            #expect(reply.json["now"] == "2026-09-21T15:13:20Z")
            #expect(try await client.fulcrum(.post, "/_sim/clock", ["advanceSeconds": "soon"]).status == 400)
        }
    }

    @Test func anAppliedFaultCarriesOutTheWriteButLosesTheAnswer() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let rule: JSONValue = [
                "failNext": [
                    ["route": "/contacts/", "method": "POST", "count": 1, "status": 422, "applied": true]
                ]
            ]
            _ = try await client.ghl(.post, "/_sim/faults", rule)
            let lost = try await client.ghl(.post, "/contacts/", Body.contact(["email": "ghost@x.com"]))
            #expect(lost.status == 422)
            #expect(lost.json["message"] == ["Unprocessable Entity"])
            #expect(await sim.store.allContacts().count == 1)
            let retry = try await client.ghl(.post, "/contacts/", Body.contact(["email": "ghost@x.com"]))
            #expect(retry.status == 400)
            #expect(retry.json["meta"]?["matchingField"] == "email")
        }
    }
}
