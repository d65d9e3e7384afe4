/// Paces requests from GHL's `X-RateLimit-*` headers so a run stays inside the burst window
/// instead of bouncing off 429s.
///
/// GHL sends, on every response, the window size (`X-RateLimit-Max` requests per
/// `X-RateLimit-Interval-Milliseconds`), what is left of it (`X-RateLimit-Remaining`) and of the
/// day (`X-RateLimit-Daily-Remaining`); it sends no reset time. The pacer therefore estimates the
/// window's start (the first response seen, or whenever `Remaining` goes up again), counts the
/// requests it let out since the last response, and:
/// - while plenty is left (more than `lowWater` of `Max`), sends at once;
/// - when little is left, spreads what is left evenly over the rest of the window;
/// - when nothing is left, waits for the window's estimated end;
/// - when the daily allowance is gone, throws `rateLimited` (waiting a day is not pacing).
public actor RateLimitPacer: RequestGate {
    /// What the last response said.
    struct Limits {
        var max: Int
        var remaining: Int
        var interval: Duration
        var dailyRemaining: Int?
    }

    let sleeper: any Sleeper
    /// Fraction of the window's `Max` below which requests are spread out.
    let lowWater: Double
    var limits: Limits?
    /// Estimated start of the current window (sleeper time).
    var windowStart: Duration = .zero
    /// Requests booked since the last response was observed.
    var bookedSinceObservation = 0
    /// When the last booked request goes out.
    var lastBooked: Duration?

    /// Creates a pacer; `lowWater` is the fraction of the window below which sends are spread.
    public init(sleeper: any Sleeper, lowWater: Double = 0.25) {
        self.sleeper = sleeper
        self.lowWater = lowWater
    }

    /// Books the next send: no wait while the window has room, an even share of the rest of the
    /// window when it runs low, the window's end when it is empty.
    public func reserve() throws -> Duration {
        let now = sleeper.now()
        guard let limits else { return book(at: now, now: now) }
        if let daily = limits.dailyRemaining, daily <= 0 {
            throw APIError(
                .rateLimited, route: "", status: 429,
                message: "GHL's daily request allowance for this location is used up; run again tomorrow")
        }
        var windowEnd = windowStart + limits.interval
        if now >= windowEnd {
            // The window has rolled over; the server will have refilled it.
            let elapsed = (now - windowStart).seconds
            let windows = (elapsed / limits.interval.seconds).rounded(.down)
            windowStart = windowStart + .seconds(windows * limits.interval.seconds)
            windowEnd = windowStart + limits.interval
            self.limits?.remaining = limits.max
            bookedSinceObservation = 0
        }
        let current = self.limits ?? limits
        let available = current.remaining - bookedSinceObservation
        if available <= 0 {
            // Nothing left: the first send of the next window, then a fresh count.
            windowStart = windowEnd
            self.limits?.remaining = current.max
            bookedSinceObservation = 0
            return book(at: max(windowEnd, lastBooked ?? .zero), now: now)
        }
        let low = Int((Double(current.max) * lowWater).rounded(.up))
        if available > low {
            return book(at: max(now, lastBooked ?? .zero), now: now)
        }
        let base = max(now, lastBooked ?? now)
        let spacing = max(.zero, (windowEnd - base) / available)
        return book(at: base + spacing, now: now)
    }

    /// Records a booking at `time` and returns the wait from `now`.
    func book(at time: Duration, now: Duration) -> Duration {
        bookedSinceObservation += 1
        lastBooked = time
        return max(.zero, time - now)
    }

    /// Reads the `X-RateLimit-*` headers of a response; responses without them change nothing.
    public func observe(_ response: HTTPResponse) {
        let headers = response.headers
        guard let max = headers["X-RateLimit-Max"].flatMap(Int.init),
            let remaining = headers["X-RateLimit-Remaining"].flatMap(Int.init)
        else {
            if let daily = headers["X-RateLimit-Daily-Remaining"].flatMap(Int.init) {
                limits?.dailyRemaining = daily
            }
            return
        }
        let milliseconds = headers["X-RateLimit-Interval-Milliseconds"].flatMap(Int.init) ?? 10_000
        let daily = headers["X-RateLimit-Daily-Remaining"].flatMap(Int.init)
        let now = sleeper.now()
        if let previous = limits {
            if remaining > previous.remaining - bookedSinceObservation + 1 || remaining >= max - 1 {
                windowStart = now
            }
        } else {
            windowStart = now
        }
        if response.status == 429 {
            limits = Limits(max: max, remaining: 0, interval: .milliseconds(milliseconds), dailyRemaining: daily)
        } else {
            limits = Limits(max: max, remaining: remaining, interval: .milliseconds(milliseconds), dailyRemaining: daily)
        }
        bookedSinceObservation = 0
    }
}
