import Foundation
import SyncHTTP

/// A GHL OAuth 2.0 session: holds the current token pair, exchanges authorization codes,
/// refreshes, and persists every new pair atomically before it is used.
///
/// An actor because several concurrent requests may hit a 401 at once: they share one refresh
/// (`refresh(replacing:)` coalesces), so the rotating refresh token is spent exactly once.
/// Across processes (a `serve` and a `doctor` beside it) the token file's lock does the same:
/// a refresh takes it, re-reads the file, and uses the pair another process stored instead of
/// spending a refresh token GHL has already spent.
public actor OAuthSession {
    /// The token file (0600, beside the state file).
    public nonisolated let tokenFile: TokenFile
    /// Scrubs the client secret and every token this session has held.
    public nonisolated let redactor: SecretRedactor
    let clientId: String
    let clientSecret: String
    let userType: String
    let baseURL: URL
    let requester: APIRequester
    let now: @Sendable () -> Date
    var tokens: OAuthTokens?
    /// A pair to start from when the file has none (the file, once written, is newer).
    let seed: OAuthTokens?
    var refreshing: Task<OAuthTokens, any Error>?

    /// Creates a session.
    /// - Parameters:
    ///   - tokenFile: where the pair is stored (mode 0600).
    ///   - clientId: the Marketplace app's client id.
    ///   - clientSecret: the app's client secret (from the environment).
    ///   - transport: how token requests are sent.
    ///   - baseURL: the API origin (`/oauth/token` is appended).
    ///   - userType: `Location` (sub-account tokens) or `Company`.
    ///   - initialTokens: a pair to use when the file has none (e.g. from environment variables);
    ///     the file wins when it exists, since it holds the latest rotation.
    ///   - options: retries, clock, logger, counters.
    ///   - now: the wall clock, for expiry times.
    public init(
        tokenFile: URL,
        clientId: String,
        clientSecret: String,
        transport: any HTTPTransport,
        baseURL: URL = HighLevelClient.defaultBaseURL,
        userType: String = "Location",
        initialTokens: OAuthTokens? = nil,
        options: ClientOptions = ClientOptions(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tokenFile = TokenFile(url: tokenFile)
        self.redactor = SecretRedactor(secrets: [clientSecret])
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.userType = userType
        self.baseURL = baseURL
        self.requester = APIRequester(
            transport: transport, options: options, gate: OpenGate(), redactor: redactor)
        self.now = now
        self.seed = initialTokens
        if let initialTokens {
            redactor.register(initialTokens.accessToken)
            redactor.register(initialTokens.refreshToken)
        }
    }

    /// The current access token: loaded from the file on first use, refreshed first when it
    /// expires within a minute.
    public func accessToken() async throws -> String {
        let current = try loadedTokens()
        if let expiresAt = current.expiresAt, expiresAt.timeIntervalSince(now()) < 60 {
            return try await refresh(replacing: current.accessToken).accessToken
        }
        return current.accessToken
    }

    /// Exchanges an authorization code for a pair (`authorization_code` grant), persists it and
    /// returns it.
    @discardableResult
    public func exchange(code: String, redirectURI: String) async throws -> OAuthTokens {
        redactor.register(code)
        let lock = try await tokenFile.lock()
        defer { lock.release() }
        return try await requestTokens([
            ("client_id", clientId), ("client_secret", clientSecret), ("grant_type", "authorization_code"),
            ("code", code), ("user_type", userType), ("redirect_uri", redirectURI),
        ])
    }

    /// Refreshes now (`refresh_token` grant), persists the rotated pair, and returns it.
    @discardableResult
    public func refresh() async throws -> OAuthTokens {
        try await refresh(replacing: nil)
    }

    /// Refreshes unless another caller already replaced `rejected`; concurrent callers share one
    /// refresh. Returns the pair to use.
    @discardableResult
    public func refresh(replacing rejected: String?) async throws -> OAuthTokens {
        if let refreshing { return try await refreshing.value }
        let current = try loadedTokens()
        if let rejected, current.accessToken != rejected { return current }
        let task = Task { try await self.performRefresh(current) }
        refreshing = task
        defer { refreshing = nil }
        return try await task.value
    }

    /// Under the token file's lock: the pair another process stored meanwhile, else a refresh
    /// whose new pair is written (atomically) before the lock is released.
    func performRefresh(_ current: OAuthTokens) async throws -> OAuthTokens {
        let lock = try await tokenFile.lock()
        defer { lock.release() }
        if let stored = try tokenFile.load(), Self.supersedes(stored, current, now: now()) {
            redactor.register(stored.accessToken)
            redactor.register(stored.refreshToken)
            tokens = stored
            requester.note(
                "GHL token pair was already rotated by another process; using the one in \(tokenFile.url.path)",
                route: "POST /oauth/token")
            return stored
        }
        requester.counters.recordTokenRefresh()
        return try await requestTokens([
            ("client_id", clientId), ("client_secret", clientSecret), ("grant_type", "refresh_token"),
            ("refresh_token", current.refreshToken), ("user_type", current.userType ?? userType),
        ])
    }

    /// Whether `stored` (the token file, read under its lock) replaces `current` (the pair in
    /// memory) without a refresh: another process refreshed (its refresh token differs; ours is
    /// spent), or stored a different access token that is still valid for a minute.
    static func supersedes(_ stored: OAuthTokens, _ current: OAuthTokens, now: Date) -> Bool {
        if stored.refreshToken != current.refreshToken { return true }
        guard stored.accessToken != current.accessToken, let expiresAt = stored.expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) >= 60
    }

    /// The pair in memory, else from the file, else the seed; `unauthorized` when there is none.
    func loadedTokens() throws -> OAuthTokens {
        if let tokens { return tokens }
        guard let stored = try tokenFile.load() ?? seed else {
            throw APIError(
                .unauthorized, route: "",
                message: "no GHL OAuth tokens in \(tokenFile.url.path); run `fgsync auth ghl` to authorize")
        }
        redactor.register(stored.accessToken)
        redactor.register(stored.refreshToken)
        tokens = stored
        return stored
    }

    /// POSTs a form-encoded token request, parses the v2 snake_case answer, writes the new pair
    /// to the file (atomically, 0600) and only then makes it current.
    func requestTokens(_ fields: [(String, String)]) async throws -> OAuthTokens {
        let route = "POST /oauth/token"
        var url = baseURL
        url.append(path: "oauth/token")
        let request = HTTPRequest(
            method: .post, url: url,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(Self.formEncode(fields).utf8), timeout: requester.options.timeout, route: route)
        let (response, attempts) = try await requester.perform(request)
        guard response.isSuccess else {
            var error = requester.standardError(for: response, request: request, attempts: attempts)
            if (400..<500).contains(response.status) && response.status != 429 {
                error.code = .unauthorized
                error.message =
                    "GHL refused the token request (\(error.message)); run `fgsync auth ghl` to authorize again"
            }
            throw error
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let access = object["access_token"] as? String, let refresh = object["refresh_token"] as? String
        else {
            throw APIError(
                .invalidResponse, route: route, status: response.status,
                message: "no access_token/refresh_token")
        }
        redactor.register(access)
        redactor.register(refresh)
        let expiresIn = (object["expires_in"] as? NSNumber)?.doubleValue
        let pair = OAuthTokens(
            accessToken: access,
            refreshToken: refresh,
            expiresAt: expiresIn.map { now().addingTimeInterval($0) },
            scope: object["scope"] as? String,
            userType: object["userType"] as? String ?? userType,
            locationId: object["locationId"] as? String)
        try tokenFile.save(pair)
        tokens = pair
        requester.note("GHL token pair rotated and saved to \(tokenFile.url.path)", route: route)
        return pair
    }

    /// `application/x-www-form-urlencoded` encoding.
    static func formEncode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return fields.map { name, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            return "\(name)=\(encoded)"
        }.joined(separator: "&")
    }
}
