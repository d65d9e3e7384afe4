import Foundation

/// One HTTP request as the simulators see it: method, path, decoded query, headers, raw body.
///
/// Built once by `SimResponder` from Hummingbird's `Request`, so the API logic is plain value
/// code that tests can drive without a server.
public struct SimRequest: Sendable {
    /// Upper-case method, e.g. `GET`.
    public var method: String
    /// Path without the query string.
    public var path: String
    /// Query parameters in order (a key may repeat).
    public var queryItems: [(name: String, value: String)]
    /// Headers with lower-cased names (last value wins).
    public var headers: [String: String]
    /// Raw body bytes.
    public var body: Data
    /// True when the body was larger than the 1 MB limit (and was not read).
    public var bodyTooLarge: Bool

    /// Creates a request.
    public init(
        method: String, path: String, query: String? = nil, headers: [String: String] = [:],
        body: Data = Data(),
        bodyTooLarge: Bool = false
    ) {
        self.method = method.uppercased()
        self.path = path
        self.queryItems = SimRequest.parseQuery(query ?? "")
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }

    /// First value of a query parameter.
    public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Decodes `a=1&b=x+y%2B` form/query text (`+` is a space).
    static func parseQuery(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
