/// Decides when the next request may go out, and learns from each response.
///
/// `RateLimitPacer` (GHL's headers) and `HourlyBudget` (Fulcrum's fixed hourly allowance) are
/// the two gates. `reserve()` books a slot and returns how long to wait for it, so the waiting
/// happens outside the gate's actor and concurrent callers queue up in order.
public protocol RequestGate: Sendable {
    /// Books the next send and returns the delay before it may happen; throws when the budget is
    /// gone for longer than it is sensible to wait (GHL's daily limit).
    func reserve() async throws -> Duration
    /// Learns from a response (rate-limit headers).
    func observe(_ response: HTTPResponse) async
    /// Forgets a booked request that got no response (the exchange failed).
    func abandon() async
    /// Learns from a response to a request sent at `sentAt` (the gate's clock): what the server
    /// counted then includes every request answered before it.
    func observe(_ response: HTTPResponse, sentAt: Duration) async
}

extension RequestGate {
    /// Gates that need no send time learn from the response alone.
    public func observe(_ response: HTTPResponse, sentAt: Duration) async {
        await observe(response)
    }
}

/// A gate that never waits.
public struct OpenGate: RequestGate {
    /// Creates the gate.
    public init() {}

    /// Always zero.
    public func reserve() async throws -> Duration { .zero }

    /// Ignores the response.
    public func observe(_ response: HTTPResponse) async {}

    /// Nothing to forget.
    public func abandon() async {}
}
