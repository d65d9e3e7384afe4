import Foundation

/// A response a simulator produced, before it is turned into a Hummingbird `Response`.
public struct SimResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Response headers in order.
    public var headers: [(name: String, value: String)]
    /// Raw body.
    public var body: Data
    /// When true the connection is closed without any response (fault injection).
    public var dropConnection = false
    /// Extra latency to add before answering (fault injection), in milliseconds.
    public var delayMillis: Int = 0
    /// Whether `body` is a JSON object assembled from encoded parts (`assembled`) whose
    /// top-level members are only the page's own (no `traceId`, `access_token` or `succeded`),
    /// so a member can be added in front of it without parsing it.
    var isAssembledObject = false

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    static func json(_ status: Int, _ value: JSONValue) -> SimResponse {
        SimResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")],
            body: value.serialized())
    }

    /// A JSON object response assembled by `EncodedJSON` (see `isAssembledObject`).
    static func assembled(_ status: Int, _ body: Data) -> SimResponse {
        var response = SimResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
        response.isAssembledObject = true
        return response
    }

    /// An HTML error page, the way a gateway in front of the real API answers 502/503.
    static func gatewayPage(_ status: Int) -> SimResponse {
        let reason =
            status == 502 ? "Bad Gateway" : status == 503 ? "Service Temporarily Unavailable" : "Error"
        let html =
            "<html>\r\n<head><title>\(status) \(reason)</title></head>\r\n<body>\r\n<center><h1>\(status) \(reason)</h1></center>\r\n</body>\r\n</html>\r\n"
        return SimResponse(status: status, headers: [("Content-Type", "text/html")], body: Data(html.utf8))
    }

    /// The standard reason phrase of a status code.
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Error"
        }
    }

    /// Returns a copy with a header added.
    func adding(_ name: String, _ value: String) -> SimResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }

    /// Parsed JSON body (tests and tooling).
    public var json: JSONValue? { try? JSONValue.parse(body) }
}

/// An error a handler throws to answer with a given status and body.
struct SimError: Error {
    let response: SimResponse
    init(_ response: SimResponse) { self.response = response }
    init(_ status: Int, _ body: JSONValue) { self.response = .json(status, body) }
}
