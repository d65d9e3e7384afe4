import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Simulators
import Testing

struct GHLAuthTests {
    static let listURI = "/contacts/?locationId=\(Fixture.locationId)"

    static func tokenRequest(_ client: any TestClientProtocol, _ form: String) async throws -> Reply {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.executeRequest(
            uri: "/oauth/token", method: .post, headers: headers, body: ByteBuffer(string: form))
        return Reply(
            status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }

    static func code(_ client: any TestClientProtocol, scope: String? = nil) async throws -> String {
        let body: JSONValue = scope.map { ["scope": .string($0)] } ?? [:]
        return try await client.ghl(.post, "/_sim/oauth/code", body).json["code"]!.stringValue!
    }

    static let credentials = "client_id=sim-client-id&client_secret=sim-client-secret"

    @Test(arguments: [nil, "not-a-token"] as [String?])
    func missingOrInvalidTokenIs401(token: String?) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, Self.listURI, token: token)
            #expect(reply.status == 401)
            #expect(reply.json["error"] == "Unauthorized")
            #expect(reply.header("X-RateLimit-Max") != nil)
        }
    }

    @Test func authorizationCodeGrantGivesSnakeCaseTokensThatWork() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let code = try await Self.code(client)
            let reply = try await Self.tokenRequest(
                client,
                "\(Self.credentials)&grant_type=authorization_code&code=\(code)&user_type=Location&redirect_uri=http://x"
            )
            #expect(reply.status == 200)
            #expect(reply.json["token_type"] == "Bearer")
            #expect(reply.json["expires_in"] == 86_399)
            #expect(reply.json["userType"] == "Location")
            #expect(reply.json["locationId"] == .string(Fixture.locationId))
            let access = reply.json["access_token"]!.stringValue!
            #expect(try await client.ghl(.get, Self.listURI, token: access).status == 200)
            let again = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=authorization_code&code=\(code)")
            #expect(again.status == 401)
        }
    }

    @Test func accessTokenExpiresWhenTheClockPassesItsLifetime() async throws {
        let sim = await Fixture.ghl { $0.accessTokenLifetimeSeconds = 60 }
        try await sim.application().test(.router) { client in
            let code = try await Self.code(client)
            let reply = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=authorization_code&code=\(code)")
            let access = reply.json["access_token"]!.stringValue!
            #expect(try await client.ghl(.get, Self.listURI, token: access).status == 200)
            _ = try await client.ghl(.post, "/_sim/clock", ["advanceSeconds": 61])
            #expect(try await client.ghl(.get, Self.listURI, token: access).status == 401)
        }
    }

    @Test func refreshTokensRotateAndAUsedOneStopsWorking() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let code = try await Self.code(client)
            let first = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=authorization_code&code=\(code)")
            let refresh1 = first.json["refresh_token"]!.stringValue!
            let second = try await Self.tokenRequest(
                client,
                "\(Self.credentials)&grant_type=refresh_token&refresh_token=\(refresh1)&user_type=Location")
            #expect(second.status == 200)
            let refresh2 = second.json["refresh_token"]!.stringValue!
            #expect(refresh2 != refresh1)
            let reused = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=refresh_token&refresh_token=\(refresh1)")
            #expect(reused.status == 401)
            let third = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=refresh_token&refresh_token=\(refresh2)")
            #expect(third.status == 200)
        }
    }

    @Test func wrongClientSecretIs401AndMissingFieldsAre422() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let wrong = try await Self.tokenRequest(
                client, "client_id=sim-client-id&client_secret=nope&grant_type=refresh_token&refresh_token=x")
            #expect(wrong.status == 401)
            let missing = try await Self.tokenRequest(client, "client_id=sim-client-id")
            #expect(missing.status == 422)
            #expect(missing.json["message"]?.arrayValue != nil)
        }
    }

    @Test func aTokenWithoutTheWriteScopeGets401OnWrites() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let code = try await Self.code(client, scope: "contacts.readonly")
            let reply = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=authorization_code&code=\(code)")
            let access = reply.json["access_token"]!.stringValue!
            #expect(try await client.ghl(.get, Self.listURI, token: access).status == 200)
            let write = try await client.ghl(
                .post, "/contacts/", Body.contact(["firstName": "X"]), token: access)
            #expect(write.status == 401)
            #expect(write.json["message"] == "The token is not authorized for this scope.")
        }
    }

    @Test func camelCaseV3TokenFieldsAreAcceptedToo() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let code = try await Self.code(client)
            let reply = try await Self.tokenRequest(
                client,
                "clientId=sim-client-id&clientSecret=sim-client-secret&grantType=authorization_code&code=\(code)"
            )
            #expect(reply.status == 200)
            let access = reply.json["access_token"]!.stringValue!
            #expect(try await client.ghl(.get, Self.listURI, token: access, version: "v3").status == 200)
        }
    }

    @Test func aLostRefreshAnswerStillSpendsTheOldRefreshToken() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let code = try await Self.code(client)
            let first = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=authorization_code&code=\(code)")
            let refresh = first.json["refresh_token"]!.stringValue!
            _ = try await client.ghl(
                .post, "/_sim/faults",
                ["failNext": [["route": "/oauth/token", "count": 1, "status": 502, "applied": true]]])
            let lost = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(lost.status == 502)
            let retry = try await Self.tokenRequest(
                client, "\(Self.credentials)&grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(retry.status == 401)
        }
    }
}
