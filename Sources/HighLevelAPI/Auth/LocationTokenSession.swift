import Foundation
import SyncHTTP

/// A location's access token minted from the agency's Company token (`POST /oauth/locationToken`,
/// ghl.md §1.3), for a Marketplace app installed across an agency's locations.
///
/// The token is kept in its own 0600 file beside the state file (`<state>.ghl-location-token.json`,
/// written atomically like `TokenFile`'s pair; it has no refresh token, so `refreshToken` is
/// empty) and is minted again when it expires within a minute or GHL refuses it (401). Minting
/// takes the file's lock and re-reads it first, so two processes beside one state file mint once.
/// When GHL will not mint one because the location no longer has the app (400 "Location not
/// found"), it throws `APIError.Code.appUninstalled`: every further request would fail the same way.
public actor LocationTokenSession {
    /// The location token file.
    public nonisolated let tokenFile: TokenFile
    /// Scrubs the Company tokens and every location token this session has held.
    public nonisolated let redactor: SecretRedactor
    /// The location the tokens are for.
    public nonisolated let locationId: String
    let companyId: String
    let company: CompanyCredential
    let baseURL: URL
    let requester: APIRequester
    let now: @Sendable () -> Date
    var tokens: OAuthTokens?
    var minting: Task<OAuthTokens, any Error>?

    /// Creates a session.
    /// - Parameters:
    ///   - tokenFile: where the location token is kept (mode 0600).
    ///   - company: the agency's Company token (from the environment, or a stored OAuth pair).
    ///   - companyId: the agency (company) id.
    ///   - locationId: the location to mint tokens for.
    ///   - transport: how token requests are sent.
    ///   - baseURL: the API origin (`/oauth/locationToken` is appended).
    ///   - options: retries, clock, logger, counters.
    ///   - now: the wall clock, for expiry times.
    public init(
        tokenFile: URL, company: CompanyCredential, companyId: String, locationId: String, transport: any HTTPTransport,
        baseURL: URL = HighLevelClient.defaultBaseURL, options: ClientOptions = ClientOptions(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tokenFile = TokenFile(url: tokenFile)
        switch company {
        case .token(let token): self.redactor = SecretRedactor(secrets: [token])
        case .oauth(let session): self.redactor = session.redactor
        }
        self.company = company
        self.companyId = companyId
        self.locationId = locationId
        self.baseURL = baseURL
        self.requester = APIRequester(transport: transport, options: options, gate: OpenGate(), redactor: redactor)
        self.now = now
    }

    /// The current location token: from memory or the file, minted when there is none for this
    /// location or it expires within a minute.
    public func accessToken() async throws -> String {
        if let current = try loadedTokens(), !expiresSoon(current) { return current.accessToken }
        return try await refresh(replacing: nil).accessToken
    }

    /// Mints a new token unless another caller (or process) already replaced `rejected`;
    /// concurrent callers share one mint.
    @discardableResult
    public func refresh(replacing rejected: String?) async throws -> OAuthTokens {
        if let minting { return try await minting.value }
        if let rejected, let current = try loadedTokens(), current.accessToken != rejected, !expiresSoon(current) {
            return current
        }
        let task = Task { try await self.performMint(rejected: rejected) }
        minting = task
        defer { minting = nil }
        return try await task.value
    }

    func expiresSoon(_ tokens: OAuthTokens) -> Bool {
        tokens.expiresAt.map { $0.timeIntervalSince(now()) < 60 } ?? false
    }

    /// The token in memory, else in the file when it is for this location.
    func loadedTokens() throws -> OAuthTokens? {
        if let tokens { return tokens }
        guard let stored = try tokenFile.load(), stored.locationId == locationId else { return nil }
        redactor.register(stored.accessToken)
        tokens = stored
        return stored
    }

    /// Under the file's lock: a token another process stored meanwhile, else a new one.
    func performMint(rejected: String?) async throws -> OAuthTokens {
        let lock = try await tokenFile.lock()
        defer { lock.release() }
        if let stored = try tokenFile.load(), stored.locationId == locationId, stored.accessToken != rejected,
            stored.accessToken != tokens?.accessToken, !expiresSoon(stored)
        {
            redactor.register(stored.accessToken)
            tokens = stored
            return stored
        }
        return try await mint()
    }

    /// `POST /oauth/locationToken` with the Company token (refreshed once if GHL refuses a
    /// stored pair's token); writes the new token to the file (atomically, 0600) before it is used.
    func mint() async throws -> OAuthTokens {
        let route = "POST /oauth/locationToken"
        let companyToken = try await company.current()
        var (request, response, attempts) = try await mintRequest(companyToken)
        if response.status == 401, let fresh = try await company.renewed(replacing: companyToken) {
            (request, response, attempts) = try await mintRequest(fresh)
        }
        guard response.isSuccess else { throw refusal(response, request: request, attempts: attempts) }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let access = object["access_token"] as? String
        else {
            throw APIError(.invalidResponse, route: route, status: response.status, message: "no access_token")
        }
        redactor.register(access)
        let expiresIn = (object["expires_in"] as? NSNumber)?.doubleValue
        let minted = OAuthTokens(
            accessToken: access, refreshToken: "", expiresAt: expiresIn.map { now().addingTimeInterval($0) },
            scope: object["scope"] as? String, userType: "Location",
            locationId: object["locationId"] as? String ?? locationId)
        try tokenFile.save(minted)
        tokens = minted
        requester.note("GHL location token for \(locationId) minted and saved to \(tokenFile.url.path)", route: route)
        return minted
    }

    func mintRequest(_ companyToken: String) async throws -> (HTTPRequest, HTTPResponse, Int) {
        var url = baseURL
        url.append(path: "oauth/locationToken")
        let body = OAuthSession.formEncode([("companyId", companyId), ("locationId", locationId)])
        let request = HTTPRequest(
            method: .post, url: url,
            headers: [
                "Authorization": "Bearer \(companyToken)", "Version": HighLevelClient.apiVersion,
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
            ],
            body: Data(body.utf8), timeout: requester.options.timeout, route: "POST /oauth/locationToken")
        let (response, attempts) = try await requester.perform(request)
        return (request, response, attempts)
    }

    /// GHL's refusal, said so the operator knows which of the two credentials to look at.
    func refusal(_ response: HTTPResponse, request: HTTPRequest, attempts: Int) -> APIError {
        var error = requester.standardError(for: response, request: request, attempts: attempts)
        switch response.status {
        case 400, 403, 404:
            // ghl.md §1.3: GHL answers 400 "Location not found" for a location without the app.
            error.code = .appUninstalled
            error.message =
                "GHL will not mint a token for location \(locationId) of company \(companyId) (\(error.message)): "
                + "the app is not installed there"
        case 401, 422:
            error.code = .unauthorized
            let advice =
                if case .token = company {
                    "set a fresh Company token (user_type=Company, scope oauth.write) in the variable named by ghl.agency_token_env"
                } else {
                    "run `fgsync auth ghl --company --code CODE` to authorize the agency again"
                }
            error.message = "GHL refused the agency's Company token (\(error.message)); " + advice
        default:
            break
        }
        return error
    }
}
