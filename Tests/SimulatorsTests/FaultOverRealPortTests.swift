import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct FaultOverRealPortTests {
    @Test func droppedConnectionsAndSlowResponsesOverARealPort() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.live) { client in
            _ = try await client.fulcrum(
                .post, "/_sim/faults", ["failNext": [["route": "/api/v2/forms", "count": 1, "status": 0]]])
            await #expect(throws: (any Error).self) {
                _ = try await client.fulcrum(.get, "/api/v2/forms")
            }
        }
        try await sim.application().test(.live) { client in
            _ = try await client.fulcrum(.post, "/_sim/faults", ["pSlow": 1.0, "slowMillis": 1])
            let slow = try await client.fulcrum(.get, "/api/v2/forms")
            #expect(slow.status == 200)
            let stats = try await client.fulcrum(.get, "/_sim/stats").json
            #expect(stats["byRoute"]?["GET /api/v2/forms"] == 2)
        }
    }
}
