import Foundation
import HighLevelAPI
import SyncHTTP
import Testing
import TestSupport

@Suite struct OAuthSessionTests {
    static let oldAccess = "old-access-token-aaaa"
    static let oldRefresh = "old-refresh-token-bbbb"
    static let newAccess = "new-access-token-cccc"
    static let newRefresh = "new-refresh-token-dddd"
    static let secret = "client-secret-eeee"

    static let tokenAnswer = json(
        200,
        """
        {"access_token":"\(newAccess)","token_type":"Bearer","expires_in":86399,"refresh_token":"\(newRefresh)",
         "scope":"contacts.readonly contacts.write","userType":"Location","locationId":"loc1","userId":"u1"}
        """)

    func session(_ folder: URL, _ transport: any HTTPTransport, options: ClientOptions = testOptions()) throws
        -> OAuthSession
    {
        let file = folder.appendingPathComponent("ghl-tokens.json")
        try TokenFile(url: file).save(OAuthTokens(accessToken: Self.oldAccess, refreshToken: Self.oldRefresh))
        return OAuthSession(
            tokenFile: file, clientId: "client1", clientSecret: Self.secret, transport: transport,
            baseURL: testURL,
            options: options)
    }

    static func form(_ request: HTTPRequest) -> [String: String] {
        let text = String(decoding: request.body ?? Data(), as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            fields[parts[0]] = parts.count > 1 ? parts[1].removingPercentEncoding : ""
        }
        return fields
    }

    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue
            ?? -1
    }

    @Test func unauthorizedTriggersOneRefreshPersistedBeforeTheRetry() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ghl-tokens.json")
        let seenAtRetry = LogCapture()
        let transport = FakeTransport { request, index in
            switch index {
            case 0:
                return json(401, #"{"statusCode":401,"message":"Invalid token: access token is invalid"}"#)
            case 1: return Self.tokenAnswer
            default:
                let stored = try TokenFile(url: file).load()
                seenAtRetry.append("\(stored?.refreshToken == Self.newRefresh) \(try Self.mode(file))")
                return json(200, #"{"contact":{"id":"c1"}}"#)
            }
        }
        let options = testOptions()
        let session = try session(folder, transport, options: options)
        let client = HighLevelClient(
            baseURL: testURL, locationId: "loc1", auth: .oauth(session), transport: transport,
            options: options)
        let contact = try await client.contact(id: "c1")
        #expect(contact.id == "c1")
        let requests = transport.requests
        #expect(requests.count == 3)
        #expect(requests[0].headers["Authorization"] == "Bearer \(Self.oldAccess)")
        #expect(requests[1].url.path == "/oauth/token")
        #expect(requests[1].headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(
            Self.form(requests[1]) == [
                "client_id": "client1", "client_secret": Self.secret, "grant_type": "refresh_token",
                "refresh_token": Self.oldRefresh, "user_type": "Location",
            ])
        #expect(requests[2].headers["Authorization"] == "Bearer \(Self.newAccess)")
        #expect(seenAtRetry.text == "true \(0o600)")
        // No temporary file is left; the lock file stays (deleting it would race another process's lock).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(leftovers == ["ghl-tokens.json", "ghl-tokens.json.lock"])
        #expect(options.counters.snapshot().tokenRefreshes == 1)
    }

    @Test func secondUnauthorizedAfterRefreshStopsWithAnAuthError() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = FakeTransport { request, _ in
            request.url.path == "/oauth/token"
                ? Self.tokenAnswer
                : json(401, #"{"statusCode":401,"message":"The token is not authorized for this scope."}"#)
        }
        let session = try session(folder, transport)
        let client = HighLevelClient(
            baseURL: testURL, locationId: "loc1", auth: .oauth(session), transport: transport,
            options: testOptions())
        let error = await #expect(throws: APIError.self) { try await client.contact(id: "c1") }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("fgsync auth ghl --refresh") == true)
        #expect(error?.message.contains("contacts.readonly contacts.write") == true)
        #expect(transport.requests.filter { $0.url.path == "/oauth/token" }.count == 1)
        #expect(transport.requests.count == 3)
    }

    @Test func exchangeSendsTheAuthorizationCodeGrantAndSavesA0600File() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tokens.json")
        let transport = FakeTransport([.success(Self.tokenAnswer)])
        let session = OAuthSession(
            tokenFile: file, clientId: "client1", clientSecret: Self.secret, transport: transport,
            baseURL: testURL,
            options: testOptions(), now: { Date(timeIntervalSince1970: 1_000) })
        let tokens = try await session.exchange(
            code: "the-code-1234", redirectURI: "http://localhost:8080/cb")
        #expect(
            Self.form(transport.requests[0]) == [
                "client_id": "client1", "client_secret": Self.secret, "grant_type": "authorization_code",
                "code": "the-code-1234", "user_type": "Location", "redirect_uri": "http://localhost:8080/cb",
            ])
        #expect(tokens.accessToken == Self.newAccess)
        #expect(tokens.expiresAt == Date(timeIntervalSince1970: 1_000 + 86_399))
        #expect(try TokenFile(url: file).load() == tokens)
        #expect(try Self.mode(file) == 0o600)
        #expect(try await session.accessToken() == Self.newAccess)
    }

    @Test func tokenAboutToExpireIsRefreshedBeforeUse() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tokens.json")
        try TokenFile(url: file).save(
            OAuthTokens(
                accessToken: Self.oldAccess, refreshToken: Self.oldRefresh,
                expiresAt: Date(timeIntervalSince1970: 1_030)))
        let transport = FakeTransport([.success(Self.tokenAnswer)])
        let session = OAuthSession(
            tokenFile: file, clientId: "client1", clientSecret: Self.secret, transport: transport,
            baseURL: testURL,
            options: testOptions(), now: { Date(timeIntervalSince1970: 1_000) })
        #expect(try await session.accessToken() == Self.newAccess)
        #expect(try TokenFile(url: file).load()?.refreshToken == Self.newRefresh)
    }

    @Test func concurrentUnauthorizedRequestsShareOneRefresh() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = FakeTransport { request, _ in
            if request.url.path == "/oauth/token" { return Self.tokenAnswer }
            return request.headers["Authorization"] == "Bearer \(Self.newAccess)"
                ? json(200, #"{"contact":{"id":"c1"}}"#) : json(401, "{}")
        }
        let session = try session(folder, transport)
        let client = HighLevelClient(
            baseURL: testURL, locationId: "loc1", auth: .oauth(session), transport: transport,
            options: testOptions())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { _ = try await client.contact(id: "c1") } }
            try await group.waitForAll()
        }
        #expect(transport.requests.filter { $0.url.path == "/oauth/token" }.count == 1)
    }

    @Test func refusedRefreshIsAnAuthErrorTellingWhatToDo() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transport = FakeTransport([
            .success(
                json(400, #"{"error":"invalid_grant","message":"Invalid grant: refresh token is invalid"}"#))
        ])
        let session = try session(folder, transport)
        let error = await #expect(throws: APIError.self) { try await session.refresh() }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("fgsync auth ghl") == true)
    }
}

@Suite struct TokenFileTests {
    @Test func saveReplacesThePairAtomicallyWithMode0600AndLeavesNoTempFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = TokenFile(url: folder.appendingPathComponent("t.json"))
        try file.save(OAuthTokens(accessToken: "a1", refreshToken: "r1"))
        try file.save(
            OAuthTokens(accessToken: "a2", refreshToken: "r2", expiresAt: Date(timeIntervalSince1970: 5)))
        #expect(
            try file.load()
                == OAuthTokens(
                    accessToken: "a2", refreshToken: "r2", expiresAt: Date(timeIntervalSince1970: 5)))
        #expect(try OAuthSessionTests.mode(file.url) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.json"])
    }

    @Test func loadTightensAFileReadableByOthers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = TokenFile(url: folder.appendingPathComponent("t.json"))
        try file.save(OAuthTokens(accessToken: "a1", refreshToken: "r1"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.url.path)
        #expect(try file.load()?.refreshToken == "r1")
        #expect(try OAuthSessionTests.mode(file.url) == 0o600)
    }

    @Test func missingFileIsNoPairAndEnvironmentNeedsBothVariables() throws {
        #expect(try TokenFile(url: URL(fileURLWithPath: "/nonexistent/fgsync/t.json")).load() == nil)
        let env = ["GHL_ACCESS_TOKEN": "acc", "GHL_REFRESH_TOKEN": "ref"]
        #expect(
            OAuthTokens.fromEnvironment(
                accessVariable: "GHL_ACCESS_TOKEN", refreshVariable: "GHL_REFRESH_TOKEN", environment: env)
                == OAuthTokens(accessToken: "acc", refreshToken: "ref"))
        #expect(
            OAuthTokens.fromEnvironment(
                accessVariable: "GHL_ACCESS_TOKEN", refreshVariable: "NOPE", environment: env) == nil)
    }
}

@Suite struct OAuthSeedTests {
    @Test func theTokenFileWinsOverTheEnvironmentSeedAndTheSeedServesWhenThereIsNoFile() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("t.json")
        let seed = OAuthTokens(accessToken: "seed-access", refreshToken: "seed-refresh")
        let transport = FakeTransport([.success(json(500, "{}"))])
        let fresh = OAuthSession(
            tokenFile: file, clientId: "c", clientSecret: "s3cret", transport: transport, initialTokens: seed,
            options: testOptions())
        #expect(try await fresh.accessToken() == "seed-access")
        try TokenFile(url: file).save(OAuthTokens(accessToken: "file-access", refreshToken: "file-refresh"))
        let later = OAuthSession(
            tokenFile: file, clientId: "c", clientSecret: "s3cret", transport: transport, initialTokens: seed,
            options: testOptions())
        #expect(try await later.accessToken() == "file-access")
    }
}

@Suite struct TokenFileLocationTests {
    @Test func tokenFileBesideTheStateFileSharesItsFolderAndName() {
        let file = TokenFile(besideStateFile: URL(fileURLWithPath: "/var/lib/fgsync/acme.sqlite"))
        #expect(file.url.path == "/var/lib/fgsync/acme.ghl-tokens.json")
    }
}
