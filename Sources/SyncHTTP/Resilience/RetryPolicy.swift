import Foundation

/// When and how long to wait before trying a request again.
///
/// Exponential backoff with full jitter (AWS's "full jitter": a uniform delay in
/// `[0, min(maxDelay, baseDelay * 2^(retry-1))]`), so many clients that failed together do not
/// retry together. A server's `Retry-After` (seconds) wins over the computed backoff.
///
/// Retried: 429, 500, 502, 503, 504, timeouts and connection resets/closes, and failures to
/// connect. Never retried: other statuses (400, 401, 404, 422 ... answer the same next time).
///
/// Non-idempotent requests (creates: POST other than searches) are retried only when the server
/// cannot have acted: the request was never sent (connect failure), or the status says it was
/// not processed (429, 503). A 500/502/504, a timeout or a reset after sending may have created
/// the resource, so it surfaces as an error and the engine looks the item up before creating
/// again (DESIGN.md, crash safety): a blind retry could make a duplicate.
public struct RetryPolicy: Sendable, Hashable {
    /// How many times a request is sent at most (the first try included).
    public var maxAttempts: Int
    /// The cap of the first retry's delay; doubles with each retry.
    public var baseDelay: Duration
    /// The largest backoff delay.
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; longer answers are clamped to it.
    public var maxRetryAfter: Duration
    /// Statuses that are retried for idempotent requests.
    public var retryableStatuses: Set<Int>
    /// Statuses that say the server did nothing, so even a create may be retried.
    public var notProcessedStatuses: Set<Int>

    /// Creates a policy; the defaults suit both APIs (5 tries, 0.5 s doubling to 30 s).
    public init(
        maxAttempts: Int = 5,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(120),
        retryableStatuses: Set<Int> = [429, 500, 502, 503, 504],
        notProcessedStatuses: Set<Int> = [429, 503]
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.retryableStatuses = retryableStatuses
        self.notProcessedStatuses = notProcessedStatuses
    }

    /// A policy that never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The upper bound of the delay before retry number `retry` (1-based).
    public func backoffCap(retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let seconds = baseDelay.seconds * Double(UInt64(1) << UInt64(exponent))
        return .seconds(min(seconds, maxDelay.seconds))
    }

    /// The jittered delay before retry number `retry` (1-based): uniform in `[0, cap]`.
    public func backoff(retry: Int, jitter: any JitterSource) -> Duration {
        .seconds(backoffCap(retry: retry).seconds * jitter.nextUnit())
    }

    /// Whether a response with `status` to `request` should be retried.
    public func shouldRetry(status: Int, request: HTTPRequest) -> Bool {
        guard retryableStatuses.contains(status) else { return false }
        return request.isIdempotent || notProcessedStatuses.contains(status)
    }

    /// Whether a transport failure of `request` should be retried.
    public func shouldRetry(_ error: TransportError, request: HTTPRequest) -> Bool {
        switch error.kind {
        case .connectFailed:
            return true
        case .timeout, .connectionClosed:
            return request.isIdempotent || !error.requestSent
        case .bodyTooLarge, .other:
            return false
        }
    }

    /// The delay a `Retry-After` header asks for (delta-seconds form), clamped to
    /// `maxRetryAfter`; `nil` when absent or unreadable.
    public func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let raw = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces),
            let seconds = Double(raw), seconds >= 0
        else { return nil }
        return min(.seconds(seconds), maxRetryAfter)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
