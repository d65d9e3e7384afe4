import Foundation
import SyncHTTP
import SyncServer
import Testing

/// The console of a serve of several syncs.
@Suite(.serialized)
struct ManySyncConsoleTests {
    @Test func theOverviewListsEverySyncWithItsHealthInOneTable() async throws {
        try await ManySyncServeHarness.run(
            topLevel: "console:\n  token_env: \(ConsoleHarness.tokenEnv)\n",
            environment: { environment in
                var environment = environment
                environment[ConsoleHarness.tokenEnv] = ConsoleHarness.token
                environment["GHL_TOKEN_2"] = "pit-not-the-right-token"
                return environment
            }
        ) { many in
            for harness in many.harnesses { try await harness.editContact("Ghl1", ["lastName": "Everywhere"]) }
            await many.deliver()
            await many.serve.drain()
            let transport = AsyncHTTPTransport(connectTimeout: .seconds(5))
            var client = ConsoleClient(many.serve.url, transport: transport)
            try await client.login()

            let page = try await client.get("/console")
            try await transport.shutdown()

            #expect(page.status == 200)
            let rows = page.body.split(separator: "\n").filter { $0.hasPrefix("<tr id=\"sync-") }
            #expect(rows.count == 3, "\(page.body)")
            #expect(rows.first { $0.contains("sync-north") }?.contains(">ok<") == true, "\(rows)")
            #expect(rows.first { $0.contains("sync-east") }?.contains(">ok<") == true, "\(rows)")
            let south = rows.first { $0.contains("sync-south") } ?? ""
            #expect(south.contains(">failing<") && south.contains("GHL rejected the token"), "\(south)")
        }
    }
}
