/// Keeps a client within a fixed number of requests per sliding hour (Fulcrum: 5,000 per hour
/// per user).
///
/// Fulcrum sends no rate-limit headers, so the budget is counted on our side: it remembers when
/// each of the last `limit` requests went out, and a request that would be the `limit + 1`-th
/// within an hour waits until the oldest of them is an hour old: the budget is spent at once and
/// then refills send by send, so an hour is never left idle. The only thing Fulcrum tells is a
/// 429: then its hour is full though ours is not (another client uses the token), and sends are
/// spaced at the sustained rate (`window / limit`) until one is answered without it. Share one
/// budget between all clients that use the same token.
public actor HourlyBudget: RequestGate {
    let limit: Int
    let window: Duration
    let sleeper: any Sleeper
    /// Send times booked within the last window, oldest first (a ring of at most `limit`).
    var sends: [Duration] = []
    var head = 0
    /// Set by a 429 answer, cleared by any other: the server's hour is fuller than ours.
    var crowded = false

    /// Creates a budget of `limit` requests per `window` (default one hour).
    public init(limit: Int = 5_000, window: Duration = .seconds(3_600), sleeper: any Sleeper) {
        self.limit = max(1, limit)
        self.window = window
        self.sleeper = sleeper
    }

    /// Books the next send: at once while fewer than `limit` went out in the last window,
    /// otherwise when the oldest of the last `limit` leaves the window.
    public func reserve() -> Duration {
        let now = sleeper.now()
        var time = now
        if sends.count == limit {
            time = max(now, sends[head] + window)
        }
        if let last = sends.isEmpty ? nil : sends[(head + sends.count - 1) % sends.count] {
            time = max(time, crowded ? last + window / limit : last)
        }
        if sends.count < limit {
            sends.append(time)
        } else {
            sends[head] = time
            head = (head + 1) % limit
        }
        return max(.zero, time - now)
    }

    /// Requests booked in the window ending now (for reports).
    public func usedInWindow() -> Int {
        let now = sleeper.now()
        return sends.filter { $0 > now - window }.count
    }

    /// Fulcrum sends no budget headers; a 429 says its hour is full, any other answer that it
    /// is not.
    public func observe(_ response: HTTPResponse) {
        crowded = response.status == 429
    }

    /// A failed exchange still counts against the hour (Fulcrum may have counted it).
    public func abandon() {}
}
