/// Sends one HTTP request and returns its response: the seam between the API clients and the
/// network.
///
/// Implementations do one exchange and nothing more (no retries, no pacing, no auth): those live
/// in `APIRequester` so they can be tested with an in-memory transport. A non-2xx status is a
/// response, not an error. Failures to exchange at all throw `TransportError`.
public protocol HTTPTransport: Sendable {
    /// Sends the request and waits for the whole response, within `request.timeout`.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
