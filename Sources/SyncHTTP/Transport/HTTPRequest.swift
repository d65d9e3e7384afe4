import Foundation

/// One HTTP request as the clients build it, independent of the HTTP library underneath.
public struct HTTPRequest: Sendable, Hashable {
    /// The method.
    public var method: HTTPMethod
    /// The full URL, query string included.
    public var url: URL
    /// The header fields (secrets included: never log them without `Redaction`).
    public var headers: HTTPHeaders
    /// The body, if any (DELETE may have one: GHL's tag removal).
    public var body: Data?
    /// The deadline for the whole exchange, from sending to the last byte of the response.
    public var timeout: Duration
    /// The route template (`GET /contacts/{id}`), for logs, errors and counters; never the URL,
    /// which may carry ids or tokens.
    public var route: String
    /// Whether sending the request twice has the effect of sending it once. Defaults to `false`
    /// for POST (creates) and `true` otherwise; a POST search sets it to `true`.
    public var isIdempotent: Bool

    /// Creates a request.
    public init(
        method: HTTPMethod,
        url: URL,
        headers: HTTPHeaders = [:],
        body: Data? = nil,
        timeout: Duration = .seconds(30),
        route: String? = nil,
        isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.route = route ?? "\(method.rawValue) \(url.path)"
        self.isIdempotent = isIdempotent ?? (method != .post)
    }
}
