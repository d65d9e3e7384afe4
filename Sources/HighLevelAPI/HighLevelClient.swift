import Foundation
import SyncHTTP

/// Client of the GoHighLevel (LeadConnector) API v2 for one location: contacts (search, get,
/// create, update, delete), tags, custom field definitions, notes and tasks.
///
/// Sends `Authorization: Bearer` and `Version: 2021-07-28`; paces itself from the
/// `X-RateLimit-*` headers; retries 429, 5xx, timeouts and resets with jittered backoff; on a 401
/// with OAuth it refreshes once (persisting the rotated pair first) and retries once. Contacts
/// travel as raw JSON so the mirror keeps every field.
public struct HighLevelClient: Sendable {
    /// GHL's API origin.
    public static let defaultBaseURL = URL(string: "https://services.leadconnectorhq.com")!
    /// The API version header value this client speaks.
    public static let apiVersion = "2021-07-28"

    /// The API origin.
    public let baseURL: URL
    /// The location (sub-account) whose contacts this client reads and writes.
    public let locationId: String
    let auth: GHLAuth
    let requester: APIRequester

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: the API origin (a simulator's `http://127.0.0.1:PORT` in tests).
    ///   - locationId: the sub-account id.
    ///   - auth: a private integration token or an OAuth session.
    ///   - transport: how requests are sent (`AsyncHTTPTransport` in production).
    ///   - options: retries, timeout, concurrency, clock, logger, counters.
    ///   - pacer: the pacer to share (one per location and app); a new one by default.
    public init(
        baseURL: URL = HighLevelClient.defaultBaseURL,
        locationId: String,
        auth: GHLAuth,
        transport: any HTTPTransport,
        options: ClientOptions = ClientOptions(),
        pacer: RateLimitPacer? = nil
    ) {
        self.baseURL = baseURL
        self.locationId = locationId
        self.auth = auth
        let redactor = auth.redactor
        let gate = pacer ?? RateLimitPacer(sleeper: options.sleeper)
        self.requester = APIRequester(transport: transport, options: options, gate: gate, redactor: redactor)
    }

    /// Request counts by outcome so far.
    public var stats: RequestStats { requester.counters.snapshot() }

    // MARK: - Sending

    /// Sends a request with auth; on a 401 with OAuth refreshes once and retries once. Returns
    /// the 2xx response or throws the mapped `APIError`.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        route: String,
        query: [URLQueryItem] = [],
        json: Any? = nil,
        idempotent: Bool? = nil
    ) async throws -> HTTPResponse {
        let body = try json.map {
            try JSONSerialization.data(withJSONObject: $0, options: [.withoutEscapingSlashes])
        }
        let token = try await auth.currentToken()
        var request = makeRequest(
            method, path, route: route, query: query, body: body, token: token, idempotent: idempotent)
        var (response, attempts) = try await requester.perform(request)
        if response.status == 401, let fresh = try await renewed(replacing: token, route: route) {
            request.headers.set("Authorization", "Bearer \(fresh)")
            let retried = try await requester.perform(request)
            response = retried.response
            attempts += retried.attempts
        }
        guard response.isSuccess else { throw error(for: response, request: request, attempts: attempts) }
        return response
    }

    /// After a 401: a refreshed (OAuth) or newly minted (agency) token, or `nil` for a private token.
    func renewed(replacing token: String, route: String) async throws -> String? {
        if case .privateToken = auth { return nil }
        requester.note("GHL answered 401; renewing the token once", route: route)
        return try await auth.renewed(replacing: token)
    }

    /// The request with GHL's headers.
    func makeRequest(
        _ method: HTTPMethod,
        _ path: String,
        route: String,
        query: [URLQueryItem],
        body: Data?,
        token: String,
        idempotent: Bool?
    ) -> HTTPRequest {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        let prefix = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = prefix + path
        if !query.isEmpty {
            components.queryItems = query
            // `+` is legal in a query, but GHL reads it as a space: a phone's `+` must travel as
            // `%2B` (ghl.md §4.4).
            components.percentEncodedQuery = components.percentEncodedQuery?
                .replacingOccurrences(of: "+", with: "%2B")
        }
        var headers: HTTPHeaders = [
            "Authorization": "Bearer \(token)",
            "Version": Self.apiVersion,
            "Accept": "application/json",
            "User-Agent": "fgsync",
        ]
        if body != nil { headers.set("Content-Type", "application/json") }
        return HTTPRequest(
            method: method, url: components.url!, headers: headers, body: body,
            timeout: requester.options.timeout, route: route, isIdempotent: idempotent)
    }

    /// Maps GHL's answers: the duplicate 400 to `duplicate`, 400 "... not found" and 404 to
    /// `notFound`, 401 to `unauthorized` with what to do, the rest by the standard mapping.
    func error(for response: HTTPResponse, request: HTTPRequest, attempts: Int) -> APIError {
        var error = requester.standardError(for: response, request: request, attempts: attempts)
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        switch response.status {
        case 400, 409, 422:
            if let meta = object?["meta"] as? [String: Any], let contactId = meta["contactId"] as? String {
                error.code = .duplicate(contactId: contactId, matchingField: meta["matchingField"] as? String)
            } else if error.message.lowercased().contains("not found") {
                error.code = .notFound
            } else if request.method == .post && !request.isIdempotent {
                // GHL sometimes creates the item and still answers 422 (issue #64).
                error.message += "; the item may have been created anyway: look it up before creating again"
            }
        case 401:
            let advice =
                switch auth {
                case .oauth: "Run `fgsync auth ghl --refresh`, or `fgsync auth ghl` to authorize again; "
                case .agency: "A freshly minted location token was refused too: check the agency's Company token (`ghl.agency_token_env`, or `fgsync auth ghl --company`); "
                case .privateToken: "Check the private integration token in the variable named by `token_env`; "
                }
            error.message = "GHL rejected the token (\(error.message)). " + advice
                + "check the token has the scopes contacts.readonly contacts.write"
        default:
            break
        }
        return error
    }

    /// A path segment with reserved characters escaped.
    static func escape(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// The top-level object of a response body, or `invalidResponse`.
    func object(_ response: HTTPResponse, route: String) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw APIError(
                .invalidResponse, route: route, status: response.status,
                message: "the body is not a JSON object")
        }
        return object
    }

    /// Parses a caller's JSON object.
    func parseObject(_ json: Data, route: String) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw APIError(.invalidResponse, route: route, message: "the body to send is not a JSON object")
        }
        return object
    }
}
