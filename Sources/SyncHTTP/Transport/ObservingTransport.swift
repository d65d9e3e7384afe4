/// A transport that shows every exchange to an observer before returning it: `fgsync doctor`
/// reads GHL's `X-RateLimit-*` headers this way without touching the clients.
public struct ObservingTransport: HTTPTransport {
    /// The transport that sends.
    public let base: any HTTPTransport
    /// Called with each request and the response it got (never with a failed exchange).
    public let observe: @Sendable (HTTPRequest, HTTPResponse) -> Void

    /// Wraps `base`.
    public init(base: any HTTPTransport, observe: @escaping @Sendable (HTTPRequest, HTTPResponse) -> Void) {
        self.base = base
        self.observe = observe
    }

    /// Sends through `base`, then shows the exchange to the observer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await base.send(request)
        observe(request, response)
        return response
    }
}
