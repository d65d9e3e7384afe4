import Logging

/// How a client sends: retries, timeouts, concurrency, clock, randomness, logging, counting.
///
/// Both API clients take one; tests inject a recording `Sleeper` and a `SeededJitter`.
public struct ClientOptions: Sendable {
    /// When to retry and how long to back off.
    public var retry: RetryPolicy
    /// Deadline of each exchange.
    public var timeout: Duration
    /// Requests in flight at once, at most.
    public var maxConcurrentRequests: Int
    /// The clock for backoff, pacing and budgets.
    public var sleeper: any Sleeper
    /// The randomness of backoff jitter.
    public var jitter: any JitterSource
    /// Where requests are logged (method, route, status, attempt; credentials never).
    public var logger: Logger
    /// Where outcomes are counted.
    public var counters: RequestCounters
    /// The Fulcrum hourly budget to draw from, shared by every client of one token (one
    /// organisation); `nil`: each Fulcrum client makes its own.
    public var fulcrumBudget: HourlyBudget?
    /// The GHL pacer to draw from, shared by every client of one location; `nil`: each GHL
    /// client makes its own.
    public var ghlPacer: RateLimitPacer?

    /// Creates options; the defaults suit a production run.
    public init(
        retry: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(30),
        maxConcurrentRequests: Int = 4,
        sleeper: any Sleeper = ContinuousSleeper(),
        jitter: any JitterSource = SystemJitter(),
        logger: Logger = Logger(label: "fgsync.http"),
        counters: RequestCounters = RequestCounters()
    ) {
        self.retry = retry
        self.timeout = timeout
        self.maxConcurrentRequests = maxConcurrentRequests
        self.sleeper = sleeper
        self.jitter = jitter
        self.logger = logger
        self.counters = counters
    }
}
