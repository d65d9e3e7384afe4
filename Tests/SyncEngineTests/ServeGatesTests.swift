import SyncCore
import SyncHTTP
import Testing

@testable import SyncServer

/// Which syncs of a serve share a rate limit.
@Suite
struct ServeGatesTests {
    static func entry(_ name: String, fulcrumURL: String, tokenEnv: String, location: String) throws -> SyncSet.Entry {
        let yaml = """
            fulcrum: { url: \(fulcrumURL), form_id: form-\(name), token_env: \(tokenEnv) }
            ghl: { location_id: \(location), token_env: GHL_TOKEN }
            link: { ghl_custom_field: f1, fulcrum_field: ghl_contact_id }
            fields:
              - { fulcrum: email, ghl: email }
            """
        return SyncSet.Entry(name: name, config: try MappingConfig.load(yaml: yaml))
    }

    @Test func syncsOfOneFulcrumTokenShareOneHourlyBudgetAndEachLocationHasItsOwnPacer() throws {
        let gates = ServeGates(
            entries: [
                try Self.entry("north", fulcrumURL: "https://f.example", tokenEnv: "FULCRUM_TOKEN", location: "L1"),
                try Self.entry("south", fulcrumURL: "https://f.example", tokenEnv: "FULCRUM_TOKEN", location: "L2"),
                try Self.entry("east", fulcrumURL: "https://f.example", tokenEnv: "OTHER_ORG_TOKEN", location: "L3"),
            ], sleeper: ImmediateSleeper())
        let north = try #require(gates.bySync["north"])
        let south = try #require(gates.bySync["south"])
        let east = try #require(gates.bySync["east"])

        #expect(north.fulcrum === south.fulcrum)
        #expect(north.fulcrum !== east.fulcrum)
        #expect(north.ghl !== south.ghl)
        #expect(gates.options(ClientOptions(), sync: "south").fulcrumBudget === north.fulcrum)
    }

    @Test func theSharedBudgetCountsEverySyncsRequestsAgainstOneHour() async throws {
        let gates = ServeGates(
            entries: [
                try Self.entry("north", fulcrumURL: "https://f.example", tokenEnv: "FULCRUM_TOKEN", location: "L1"),
                try Self.entry("south", fulcrumURL: "https://f.example", tokenEnv: "FULCRUM_TOKEN", location: "L2"),
            ], sleeper: ImmediateSleeper())

        _ = try await gates.bySync["north"]!.fulcrum.reserve()
        _ = try await gates.bySync["south"]!.fulcrum.reserve()

        #expect(await gates.bySync["north"]!.fulcrum.usedInWindow() == 2)
    }
}
