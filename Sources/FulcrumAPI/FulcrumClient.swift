import Foundation
import SyncHTTP

/// Client of the Fulcrum REST API v2: forms, records (list, get, create, patch, replace, delete)
/// and the records history feed.
///
/// Records travel as raw JSON (`FulcrumRecordData.json`, the record object without its
/// `{"record": ...}` wrapper) so fgsync's mirror keeps every field, known or not. Every write
/// sends `X-SkipWebhooks: true` so our own writes do not come back as webhook echoes. Requests
/// stay inside the hourly budget (5,000 per hour by default), are retried with backoff on 429,
/// 5xx, timeouts and resets, and never log or report the token.
public struct FulcrumClient: Sendable {
    /// The API's origin, e.g. `https://api.fulcrumapp.com` (paths `/api/v2/...` are appended).
    public let baseURL: URL
    let token: String
    let requester: APIRequester

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: the API origin (a simulator's `http://127.0.0.1:PORT` in tests).
    ///   - token: the API token (from the environment; registered for redaction at once).
    ///   - transport: how requests are sent (`AsyncHTTPTransport` in production).
    ///   - options: retries, timeout, concurrency, clock, logger, counters.
    ///   - budget: the hourly budget to draw from; share one between clients of the same token.
    ///     Defaults to a new budget of `hourlyLimit` requests per hour.
    ///   - hourlyLimit: the size of the default budget (Fulcrum allows 5,000 per hour per user).
    public init(
        baseURL: URL,
        token: String,
        transport: any HTTPTransport,
        options: ClientOptions = ClientOptions(),
        budget: HourlyBudget? = nil,
        hourlyLimit: Int = 5_000
    ) {
        self.baseURL = baseURL
        self.token = token
        let redactor = SecretRedactor(secrets: [token])
        let gate = budget ?? HourlyBudget(limit: hourlyLimit, sleeper: options.sleeper)
        self.requester = APIRequester(transport: transport, options: options, gate: gate, redactor: redactor)
    }

    /// Request counts by outcome so far.
    public var stats: RequestStats { requester.counters.snapshot() }

    // MARK: - Sending

    /// Builds and sends a request; returns the 2xx response or throws the mapped `APIError`.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        route: String,
        query: [URLQueryItem] = [],
        body: Data? = nil
    ) async throws -> HTTPResponse {
        let request = makeRequest(method, path, route: route, query: query, body: body)
        let (response, attempts) = try await requester.perform(request)
        guard response.isSuccess else {
            throw error(for: response, request: request, attempts: attempts)
        }
        return response
    }

    /// The request with Fulcrum's headers: token, JSON accept/content type, and
    /// `X-SkipWebhooks: true` on every write.
    func makeRequest(
        _ method: HTTPMethod,
        _ path: String,
        route: String,
        query: [URLQueryItem] = [],
        body: Data? = nil
    ) -> HTTPRequest {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)!
        let prefix = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = prefix + path
        if !query.isEmpty { components.queryItems = query }
        var headers: HTTPHeaders = [
            "X-ApiToken": token,
            "Accept": "application/json",
            "User-Agent": "fgsync",
        ]
        if body != nil { headers.set("Content-Type", "application/json") }
        if method != .get { headers.set("X-SkipWebhooks", "true") }
        return HTTPRequest(
            method: method, url: components.url!, headers: headers, body: body,
            timeout: requester.options.timeout, route: route)
    }

    /// Maps Fulcrum's error answers: 404 `notFound`, 422 `rejected` with the field errors, 401
    /// `unauthorized` with what to check; others by the standard mapping.
    func error(for response: HTTPResponse, request: HTTPRequest, attempts: Int) -> APIError {
        var error = requester.standardError(for: response, request: request, attempts: attempts)
        switch response.status {
        case 401:
            error.message =
                "Fulcrum rejected the API token; check the variable named by `token_env` in the "
                + "fulcrum section of the config, and that the token's user can reach this form"
        case 404:
            error.message = "not found on Fulcrum"
        case 422:
            error.fieldErrors = FulcrumErrors.fieldErrors(in: response.body)
            error.message = "Fulcrum rejected the record"
        default:
            break
        }
        error.fieldErrors = error.fieldErrors.mapValues { $0.map(requester.redactor.scrub) }
        return error
    }
}
