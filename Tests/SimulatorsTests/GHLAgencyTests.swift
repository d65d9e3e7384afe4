import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

/// The Marketplace install flow over real loopback HTTP: a Company token, location tokens minted
/// from it, per-location data and limits, install and uninstall.
struct GHLAgencyTests {
    static let options: GHLOptions = {
        var options = GHLOptions()
        options.locationCount = 3
        return options
    }()
    static let locations = options.locationIds
    static let companyId = options.companyId
    static let form = "application/x-www-form-urlencoded"

    static func simulator(transport: any WebhookTransport = RecordingTransport(), burst: Int = 10_000) async -> GHLSimulator {
        await Fixture.ghl(transport: transport) {
            $0.locationCount = 3
            $0.burstLimit = burst
            $0.webhookURLs = ["http://127.0.0.1:9/hook"]
        }
    }

    /// A Company access token: a consent code exchanged with `user_type=Company`.
    static func companyToken(_ client: any TestClientProtocol) async throws -> String {
        let code = try #require(try await client.ghl(.post, "/_sim/oauth/code", [:]).json["code"]?.stringValue)
        let reply = try await client.ghl(
            .post, "/oauth/token",
            raw: "\(GHLAuthTests.credentials)&grant_type=authorization_code&user_type=Company&code=\(code)",
            token: nil, version: nil, contentType: form)
        #expect(reply.json["userType"] == "Company")
        #expect(reply.json["refresh_token"]?.stringValue != nil)
        return try #require(reply.json["access_token"]?.stringValue)
    }

    static func mint(_ client: any TestClientProtocol, _ token: String, location: String) async throws -> Reply {
        try await client.ghl(
            .post, "/oauth/locationToken", raw: "companyId=\(companyId)&locationId=\(location)", token: token,
            contentType: form)
    }

    static func locationToken(_ client: any TestClientProtocol, location: String) async throws -> String {
        let company = try await companyToken(client)
        return try #require(try await mint(client, company, location: location).json["access_token"]?.stringValue)
    }

    static func search(_ client: any TestClientProtocol, _ location: String, token: String) async throws -> Reply {
        try await client.ghl(.post, "/contacts/search", ["locationId": .string(location), "pageLimit": 100], token: token)
    }

    @Test func aCompanyTokenMintsALocationTokenThatSeesOnlyThatLocationsContacts() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let first = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "Ann"]))
            let firstId = try #require(first.json["contact"]?["id"]?.stringValue)
            _ = try await client.ghl(
                .post, "/contacts/", ["locationId": .string(Self.locations[1]), "firstName": "Bob"])
            let company = try await Self.companyToken(client)
            let minted = try await Self.mint(client, company, location: Self.locations[1])
            #expect(minted.status == 200)
            #expect(minted.json["locationId"] == .string(Self.locations[1]))
            let token = try #require(minted.json["access_token"]?.stringValue)
            let rows = try await Self.search(client, Self.locations[1], token: token).json["contacts"]?.arrayValue ?? []
            #expect(rows.compactMap { $0["firstName"]?.stringValue } == ["Bob"])
            let other = try await client.ghl(.get, "/contacts/\(firstId)", token: token)
            #expect(other.status == 400)
        }
    }

    @Test func aLocationTokenIsRefusedOnAnotherLocation() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let token = try await Self.locationToken(client, location: Self.locations[1])
            let search = try await Self.search(client, Self.locations[0], token: token)
            let list = try await client.ghl(.get, "/contacts/?locationId=\(Self.locations[2])", token: token)
            let create = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "Eve"]), token: token)
            let own = try await Self.search(client, Self.locations[1], token: token)
            let statuses: [Int] = [search.status, list.status, create.status, own.status]
            #expect(statuses == [403, 403, 403, 200])
        }
    }

    @Test func aCompanyTokenIsRefusedOnLocationRoutes() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let company = try await Self.companyToken(client)
            let reply = try await Self.search(client, Self.locations[0], token: company)
            #expect(reply.status == 401)
            #expect(reply.json["message"] == "This AuthClass is not yet supported")
        }
    }

    @Test(arguments: ["pit", "location"])
    func onlyACompanyTokenMayMintLocationTokens(kind: String) async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let token = kind == "pit" ? Fixture.ghlToken : try await Self.locationToken(client, location: Self.locations[0])
            let reply = try await Self.mint(client, token, location: Self.locations[0])
            #expect(reply.status == 401)
            #expect(reply.json["message"] == "The token is not authorized for this scope.")
        }
    }

    @Test func aLocationTheCompanyDoesNotHaveIsNotFound() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let company = try await Self.companyToken(client)
            let reply = try await Self.mint(client, company, location: "noSuchLocation000001")
            #expect(reply.status == 400)
            #expect(reply.json["message"] == "Location not found")
        }
    }

    @Test func uninstallSendsASignedEventAndRevokesTheLocationsTokens() async throws {
        let transport = RecordingTransport()
        let sim = await Self.simulator(transport: transport)
        try await sim.application().test(.live) { client in
            let company = try await Self.companyToken(client)
            let token = try #require(
                try await Self.mint(client, company, location: Self.locations[2]).json["access_token"]?.stringValue)
            let keep = try await Self.locationToken(client, location: Self.locations[0])
            let answer = try await client.ghl(.post, "/_sim/locations/\(Self.locations[2])/uninstall", [:])
            #expect(answer.json["changed"] == true)
            await sim.webhooks.drain()
            let delivery = try #require(await transport.state.deliveries.last)
            let event = try JSONValue.parse(delivery.body)
            #expect(event["type"] == "UNINSTALL")
            #expect(event["locationId"] == .string(Self.locations[2]))
            #expect(event["companyId"] == .string(Self.companyId))
            #expect(event["appId"] == .string(Self.options.appId))
            let edKey = try Curve25519.Signing.PublicKey(
                rawRepresentation: try #require(Data(base64Encoded: sim.signer.ed25519PublicKeyBase64)))
            let signature = try #require(delivery.headers["x-ghl-signature"].flatMap { Data(base64Encoded: $0) })
            #expect(edKey.isValidSignature(signature, for: delivery.body))
            #expect(delivery.headers["x-wh-signature"] != nil)
            #expect(try await Self.search(client, Self.locations[2], token: token).status == 401)
            let refused = try await Self.mint(client, company, location: Self.locations[2])
            #expect(refused.status == 400)
            #expect(refused.json["message"] == "Location not found")
            #expect(try await Self.search(client, Self.locations[0], token: keep).status == 200)
        }
    }

    @Test func reinstallSendsInstallAndLocationTokensCanBeMintedAgain() async throws {
        let transport = RecordingTransport()
        let sim = await Self.simulator(transport: transport)
        try await sim.application().test(.live) { client in
            _ = try await client.ghl(.post, "/_sim/locations/\(Self.locations[1])/uninstall", [:])
            _ = try await client.ghl(.post, "/_sim/locations/\(Self.locations[1])/install", [:])
            await sim.webhooks.drain()
            let types = await transport.state.deliveries.compactMap { (try? JSONValue.parse($0.body))?["type"]?.stringValue }
            #expect(types == ["UNINSTALL", "INSTALL"])
            let company = try await Self.companyToken(client)
            #expect(try await Self.mint(client, company, location: Self.locations[1]).status == 200)
        }
    }

    @Test func installedLocationsListsEveryLocationWithItsInstallState() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            _ = try await client.ghl(.post, "/_sim/locations/\(Self.locations[0])/uninstall", [:])
            let company = try await Self.companyToken(client)
            let reply = try await client.ghl(
                .get, "/oauth/installedLocations?companyId=\(Self.companyId)&isInstalled=true", token: company)
            #expect(reply.status == 200)
            let ids = (reply.json["locations"]?.arrayValue ?? []).compactMap { $0["_id"]?.stringValue }
            #expect(ids == Array(Self.locations.dropFirst()))
        }
    }

    @Test func eachLocationHasItsOwnBurstLimit() async throws {
        let sim = await Self.simulator(burst: 2)
        try await sim.application().test(.live) { client in
            for _ in 0..<2 { #expect(try await Self.search(client, Self.locations[0], token: Fixture.ghlToken).status == 200) }
            #expect(try await Self.search(client, Self.locations[0], token: Fixture.ghlToken).status == 429)
            let other = try await Self.search(client, Self.locations[1], token: Fixture.ghlToken)
            #expect(other.status == 200)
            #expect(other.header("X-RateLimit-Remaining") == "1")
        }
    }

    @Test func eachLocationHasItsOwnLinkField() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let reply = try await client.ghl(.get, "/locations/\(Self.locations[1])/customFields")
            let ids = (reply.json["customFields"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            #expect(ids.contains(Self.options.linkFieldId(at: 1)))
            #expect(!ids.contains(Self.options.externalIdFieldId))
        }
    }

    @Test func aCompanyRefreshTokenRotates() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let code = try #require(try await client.ghl(.post, "/_sim/oauth/code", [:]).json["code"]?.stringValue)
            let first = try await client.ghl(
                .post, "/oauth/token",
                raw: "\(GHLAuthTests.credentials)&grant_type=authorization_code&user_type=Company&code=\(code)",
                token: nil, version: nil, contentType: Self.form)
            let refresh = try #require(first.json["refresh_token"]?.stringValue)
            let body = "\(GHLAuthTests.credentials)&grant_type=refresh_token&user_type=Company&refresh_token=\(refresh)"
            let second = try await client.ghl(.post, "/oauth/token", raw: body, token: nil, version: nil, contentType: Self.form)
            #expect(second.json["userType"] == "Company")
            let company = try #require(second.json["access_token"]?.stringValue)
            #expect(try await Self.mint(client, company, location: Self.locations[0]).status == 200)
            let again = try await client.ghl(.post, "/oauth/token", raw: body, token: nil, version: nil, contentType: Self.form)
            #expect(again.status == 401)
        }
    }
}
