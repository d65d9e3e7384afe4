/// Bounds how many requests are in flight at once.
///
/// A counting semaphore for async code: `withPermit` waits for one of `limit` permits, runs the
/// body, and hands the permit to the longest waiter.
public actor ConcurrencyLimiter {
    let limit: Int
    var inUse = 0
    var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a limiter allowing `limit` concurrent holders (at least 1).
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `body` while holding a permit.
    nonisolated public func withPermit<T: Sendable>(
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    /// Takes a permit, waiting if all are in use.
    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Returns a permit: passes it to the first waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Permits currently held (for tests and reports).
    public var inFlight: Int { inUse }
}
