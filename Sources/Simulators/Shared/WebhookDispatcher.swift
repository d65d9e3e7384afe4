import Foundation

/// Queues webhook deliveries and retries them on simulated time.
///
/// Each simulator gives it a retry policy: GHL retries only on 429 (6 times, 10 min apart),
/// Fulcrum on anything outside 200-207 (exponential backoff, 25 times). Deliveries become due by
/// the `SimClock`, so tests advance the clock and call `deliverDue()` instead of sleeping.
public actor WebhookDispatcher {
    /// When and whether to retry.
    public struct RetryPolicy: Sendable {
        /// Statuses that count as success.
        public var success: ClosedRange<Int>
        /// Retry only on these statuses (nil: retry on any failure, including connection errors).
        public var retryOnlyOn: Set<Int>?
        /// Maximum number of retries after the first attempt.
        public var maxRetries: Int
        /// Delay before retry n (1-based), in simulated milliseconds.
        public var backoffMillis: @Sendable (Int) -> Int64

        /// Creates a policy.
        public init(
            success: ClosedRange<Int>, retryOnlyOn: Set<Int>?, maxRetries: Int,
            backoffMillis: @escaping @Sendable (Int) -> Int64
        ) {
            self.success = success
            self.retryOnlyOn = retryOnlyOn
            self.maxRetries = maxRetries
            self.backoffMillis = backoffMillis
        }
    }

    /// One attempt, as recorded for tests and `/_sim/stats`.
    public struct Attempt: Sendable {
        /// Target URL.
        public let url: String
        /// Receiver status, nil on connection failure.
        public let status: Int?
        /// Exact bytes sent.
        public let body: Data
        /// Headers sent.
        public let headers: [String: String]
        /// 0 for the first try, then the retry number.
        public let retry: Int
    }

    struct Delivery: Sendable {
        let url: String
        let headers: [(name: String, value: String)]
        let body: Data
        var retry: Int
        var dueMillis: Int64
    }

    private let clock: SimClock
    private let transport: any WebhookTransport
    private let policy: RetryPolicy
    private var queue: [Delivery] = []
    private var log: [Attempt] = []
    private var delivering = false
    private var dropping = false

    /// Creates a dispatcher.
    public init(clock: SimClock, transport: any WebhookTransport, policy: RetryPolicy) {
        self.clock = clock
        self.transport = transport
        self.policy = policy
    }

    /// Queues a delivery due now and starts delivering in the background.
    func enqueue(url: String, headers: [(name: String, value: String)], body: Data) {
        queue.append(Delivery(url: url, headers: headers, body: body, retry: 0, dueMillis: clock.nowMillis()))
        Task { await self.deliverDue() }
    }

    /// Delivers every queued webhook that is due by simulated time, one at a time and in order,
    /// scheduling retries. A call while another is delivering returns at once (that one loops).
    public func deliverDue() async {
        guard !delivering else { return }
        delivering = true
        defer { delivering = false }
        while case let now = clock.nowMillis(), let index = queue.firstIndex(where: { $0.dueMillis <= now }) {
            var delivery = queue.remove(at: index)
            // A lost delivery: never sent, never retried (GHL retries only on 429).
            if dropping { continue }
            let status = await transport.post(
                url: delivery.url, headers: delivery.headers, body: delivery.body)
            log.append(
                Attempt(
                    url: delivery.url, status: status, body: delivery.body,
                    headers: Dictionary(
                        delivery.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 }),
                    retry: delivery.retry))
            if let status, policy.success.contains(status) { continue }
            if let only = policy.retryOnlyOn, !only.contains(status ?? -1) { continue }
            guard delivery.retry < policy.maxRetries else { continue }
            delivery.retry += 1
            delivery.dueMillis = clock.nowMillis() + policy.backoffMillis(delivery.retry)
            queue.append(delivery)
        }
    }

    /// Waits until nothing due is queued or being delivered (for tests and `/_sim`).
    public func drain() async {
        while true {
            await deliverDue()
            let now = clock.nowMillis()
            if !delivering && !queue.contains(where: { $0.dueMillis <= now }) { return }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Loses every delivery that falls due while on (webhooks are lossy; tests show the
    /// poll pass catching up).
    public func setDropping(_ on: Bool) { dropping = on }

    /// Every attempt so far.
    public func attempts() -> [Attempt] { log }

    /// Deliveries waiting for a retry.
    public func pendingCount() -> Int { queue.count }

    /// Forgets queue and log.
    public func reset() {
        queue = []
        log = []
    }
}
