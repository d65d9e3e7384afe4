import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct GHLRateLimitTests {
    static let listURI = "/contacts/?locationId=\(Fixture.locationId)"

    @Test func everyResponseCarriesTheRateLimitHeaders() async throws {
        let sim = await Fixture.ghl { $0.burstLimit = 100 }
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, Self.listURI)
            #expect(reply.header("X-RateLimit-Max") == "100")
            #expect(reply.header("X-RateLimit-Remaining") == "99")
            #expect(reply.header("X-RateLimit-Interval-Milliseconds") == "10000")
            #expect(reply.header("X-RateLimit-Limit-Daily") == "200000")
            #expect(reply.header("X-RateLimit-Daily-Remaining") == "199999")
            let missing = try await client.ghl(.get, "/contacts/unknownid")
            #expect(missing.header("X-RateLimit-Remaining") == "98")
        }
    }

    @Test func overTheBurstLimitIs429UntilTheWindowPasses() async throws {
        let sim = await Fixture.ghl { $0.burstLimit = 3 }
        try await sim.application().test(.router) { client in
            for _ in 0..<3 { #expect(try await client.ghl(.get, Self.listURI).status == 200) }
            let limited = try await client.ghl(.get, Self.listURI)
            #expect(limited.status == 429)
            #expect(limited.header("X-RateLimit-Remaining") == "0")
            _ = try await client.ghl(.post, "/_sim/clock", ["advanceSeconds": 10])
            #expect(try await client.ghl(.get, Self.listURI).status == 200)
        }
    }

    @Test func overTheDailyLimitIs429() async throws {
        let sim = await Fixture.ghl { $0.dailyLimit = 2 }
        try await sim.application().test(.router) { client in
            #expect(try await client.ghl(.get, Self.listURI).status == 200)
            #expect(try await client.ghl(.get, Self.listURI).status == 200)
            let limited = try await client.ghl(.get, Self.listURI)
            #expect(limited.status == 429)
            #expect(limited.header("X-RateLimit-Daily-Remaining") == "0")
        }
    }
}
