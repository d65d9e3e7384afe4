/// Request counts by outcome, for the run report's "requests sent vs ideal" figure.
public struct RequestStats: Sendable, Hashable, CustomStringConvertible {
    /// Logical calls made by the client (one per API method call, whatever the retries).
    public var calls = 0
    /// HTTP requests actually sent (calls plus retries).
    public var sent = 0
    /// Responses with a 2xx status.
    public var succeeded = 0
    /// Requests sent again after a retryable failure.
    public var retries = 0
    /// 429 responses.
    public var rateLimited = 0
    /// 5xx responses.
    public var serverErrors = 0
    /// 401 responses.
    public var unauthorized = 0
    /// Other 4xx responses (404, 400, 422 ...).
    public var clientErrors = 0
    /// Exchanges that timed out.
    public var timeouts = 0
    /// Exchanges that failed to connect or were reset.
    public var transportErrors = 0
    /// Sends the pacer or budget delayed.
    public var pacedSends = 0
    /// Total time spent waiting for the pacer or budget.
    public var pacedTime: Duration = .zero
    /// Total time spent in retry backoff.
    public var backoffTime: Duration = .zero
    /// OAuth token refreshes.
    public var tokenRefreshes = 0

    /// Creates empty stats.
    public init() {}

    /// One line for logs and reports.
    public var description: String {
        "calls \(calls), sent \(sent), ok \(succeeded), retries \(retries), 429 \(rateLimited), "
            + "5xx \(serverErrors), 401 \(unauthorized), other 4xx \(clientErrors), "
            + "timeouts \(timeouts), transport \(transportErrors), paced \(pacedSends)"
    }
}
