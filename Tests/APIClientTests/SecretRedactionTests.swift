import Foundation
import FulcrumAPI
import HighLevelAPI
import SyncHTTP
import Testing
import TestSupport

/// No secret ever appears in an error description or a log line.
@Suite struct SecretRedactionTests {
    static let secrets = [
        FulcrumClientFactory.token, HighLevelClientFactory.token,
        OAuthSessionTests.oldAccess, OAuthSessionTests.oldRefresh, OAuthSessionTests.newAccess,
        OAuthSessionTests.newRefresh, OAuthSessionTests.secret,
    ]

    static func expectClean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "leaked \(secret.prefix(6))...", sourceLocation: sourceLocation)
        }
    }

    /// Answers that echo the token back, as a careless server or proxy might.
    static func echo(_ status: Int, _ token: String) -> HTTPResponse {
        json(status, #"{"message":"bad token \#(token)","error":"\#(token)"}"#)
    }

    @Test(arguments: [400, 401, 404, 422, 500])
    func fulcrumErrorsNeverContainTheToken(status: Int) async throws {
        let logs = LogCapture()
        let transport = FakeTransport([.success(Self.echo(status, FulcrumClientFactory.token))])
        let client = FulcrumClientFactory.make(transport, testOptions(retry: .never, logs: logs))
        let error = await #expect(throws: APIError.self) {
            try await client.createRecord(json: Data("{}".utf8))
        }
        let text = "\(try #require(error)) \(String(reflecting: try #require(error)))"
        Self.expectClean(text)
        Self.expectClean(logs.text)
        #expect(logs.count > 0)
    }

    @Test(arguments: [400, 401, 404, 429, 503])
    func highLevelErrorsNeverContainTheToken(status: Int) async throws {
        let logs = LogCapture()
        let transport = FakeTransport([.success(Self.echo(status, HighLevelClientFactory.token))])
        let client = HighLevelClientFactory.make(transport, testOptions(retry: .never, logs: logs))
        let error = await #expect(throws: APIError.self) { try await client.contact(id: "c1") }
        Self.expectClean("\(try #require(error)) \(String(reflecting: try #require(error)))")
        Self.expectClean(logs.text)
    }

    @Test func transportErrorDetailsAreScrubbed() async throws {
        let transport = FakeTransport([
            .failure(
                TransportError(.other, requestSent: true, detail: "oops \(HighLevelClientFactory.token)"))
        ])
        let logs = LogCapture()
        let client = HighLevelClientFactory.make(transport, testOptions(logs: logs))
        let error = await #expect(throws: APIError.self) { try await client.contact(id: "c1") }
        Self.expectClean("\(try #require(error))")
        Self.expectClean(logs.text)
    }

    @Test func credentialHeadersAreRedactedInTraceLogs() async throws {
        let logs = LogCapture()
        let transport = FakeTransport([.success(json(200, #"{"contact":{"id":"c1"}}"#))])
        _ = try await HighLevelClientFactory.make(transport, testOptions(logs: logs)).contact(id: "c1")
        let fulcrum = FakeTransport([.success(json(200, #"{"record":{"id":"r1"}}"#))])
        _ = try await FulcrumClientFactory.make(fulcrum, testOptions(logs: logs)).record(id: "r1")
        #expect(logs.text.contains("Authorization"))
        #expect(logs.text.contains("X-ApiToken"))
        #expect(logs.text.contains(SecretRedactor.mask))
        Self.expectClean(logs.text)
    }

    @Test func oauthRotationLogsAndErrorsNeverContainAnyToken() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = LogCapture()
        let options = testOptions(logs: logs)
        let transport = FakeTransport { request, _ in
            request.url.path == "/oauth/token"
                ? OAuthSessionTests.tokenAnswer
                : Self.echo(401, OAuthSessionTests.newAccess)
        }
        let session = try OAuthSessionTests().session(folder, transport, options: options)
        let client = HighLevelClient(
            baseURL: testURL, locationId: "loc1", auth: .oauth(session), transport: transport,
            options: options)
        let error = await #expect(throws: APIError.self) { try await client.contact(id: "c1") }
        Self.expectClean("\(try #require(error))")
        Self.expectClean(logs.text)
        let stored = try #require(try TokenFile(url: folder.appendingPathComponent("ghl-tokens.json")).load())
        Self.expectClean("\(stored) \(String(reflecting: stored))")
    }
}

@Suite struct RequestDescriptionTests {
    @Test func interpolatedRequestsAndHeadersMaskCredentials() {
        let request = HTTPRequest(
            method: .get, url: testURL,
            headers: [
                "Authorization": "Bearer \(HighLevelClientFactory.token)",
                "X-ApiToken": FulcrumClientFactory.token,
            ],
            route: "GET /contacts/{id}")
        let texts = [
            "\(request)", String(reflecting: request), "\(request.headers)",
            String(reflecting: request.headers),
        ]
        for text in texts { SecretRedactionTests.expectClean(text) }
        #expect(String(reflecting: request).contains("Authorization: [REDACTED]"))
    }
}
