/// Paces requests from GHL's `X-RateLimit-*` headers so a run stays inside the burst window
/// instead of bouncing off 429s.
///
/// GHL sends, on every response, the window size (`X-RateLimit-Max` requests per
/// `X-RateLimit-Interval-Milliseconds`), what is left of it (`X-RateLimit-Remaining`) and of the
/// day (`X-RateLimit-Daily-Remaining`); it sends no reset time. The pacer therefore estimates the
/// window's start (the first response seen, or whenever `Remaining` goes up again), counts the
/// requests booked but not yet answered (in flight, or waiting to go), and:
/// - while plenty is left (more than `lowWater` of `Max`), sends at once;
/// - when little is left, spreads what is left evenly over the rest of the window;
/// - when nothing is left, waits for the window's estimated end;
/// - when the daily allowance is gone, throws `rateLimited` (waiting a day is not pacing), and
///   after `dailyProbeInterval` lets one request through to see whether the day has turned.
public actor RateLimitPacer: RequestGate {
    /// The window GHL announced.
    struct Window {
        var max: Int
        var interval: Duration
    }

    let sleeper: any Sleeper
    /// Fraction of the window's `Max` below which requests are spread out.
    let lowWater: Double
    /// How long to refuse requests after the daily allowance ran out before probing again.
    let dailyProbeInterval: Duration
    var window: Window?
    /// What is left of the current window: the server's last word, or `max` after a rollover.
    var remaining = 0
    /// The server's last daily remainder.
    var dailyRemaining: Int?
    /// When the daily allowance was first seen used up.
    var dailyExhaustedAt: Duration?
    /// Estimated start of the current window (sleeper time); in the future once sends are
    /// already planned for the next window.
    var windowStart: Duration = .zero
    /// Requests booked and not yet answered.
    var inFlight = 0
    /// When the last booked request goes out.
    var lastBooked: Duration?

    /// Creates a pacer; `lowWater` is the fraction of the window below which sends are spread;
    /// `dailyProbeInterval` is how long requests are refused once the daily allowance is gone.
    public init(sleeper: any Sleeper, lowWater: Double = 0.25, dailyProbeInterval: Duration = .seconds(3_600))
    {
        self.sleeper = sleeper
        self.lowWater = lowWater
        self.dailyProbeInterval = dailyProbeInterval
    }

    /// Books the next send: no wait while the window has room, an even share of the rest of the
    /// window when it runs low, the window's end when it is empty.
    public func reserve() throws -> Duration {
        let now = sleeper.now()
        try checkDaily(now)
        guard let window else { return book(at: now, now: now) }
        var windowEnd = windowStart + window.interval
        if now >= windowEnd {
            // The window has rolled over; the server will have refilled it.
            let windows = ((now - windowStart).seconds / window.interval.seconds).rounded(.down)
            windowStart += .seconds(windows * window.interval.seconds)
            windowEnd = windowStart + window.interval
            remaining = window.max
        }
        let earliest = max(now, lastBooked ?? now)
        let available = remaining - inFlight
        if available <= 0 {
            // Nothing left here: plan this send as the first of the next window.
            windowStart = windowEnd
            remaining = window.max + inFlight
            return book(at: max(windowEnd, earliest), now: now)
        }
        let low = Int((Double(window.max) * lowWater).rounded(.up))
        if available > low {
            return book(at: earliest, now: now)
        }
        let spacing = max(.zero, (windowEnd - earliest) / available)
        return book(at: earliest + spacing, now: now)
    }

    /// Refuses while the daily allowance is used up, except for one probe per interval.
    func checkDaily(_ now: Duration) throws {
        guard let daily = dailyRemaining, daily <= 0 else { return }
        let since = dailyExhaustedAt ?? now
        dailyExhaustedAt = since
        guard now - since >= dailyProbeInterval else {
            throw APIError(
                .rateLimited, route: "", status: 429,
                message: "GHL's daily request allowance for this location is used up; "
                    + "fgsync tries again later (or run again tomorrow)")
        }
        dailyExhaustedAt = nil
        dailyRemaining = nil
    }

    /// Records a booking at `time` and returns the wait from `now`.
    func book(at time: Duration, now: Duration) -> Duration {
        inFlight += 1
        lastBooked = time
        return max(.zero, time - now)
    }

    /// Reads the `X-RateLimit-*` headers of a response and counts its request as answered.
    public func observe(_ response: HTTPResponse) {
        inFlight = max(0, inFlight - 1)
        let headers = response.headers
        if let daily = headers["X-RateLimit-Daily-Remaining"].flatMap(Int.init) { dailyRemaining = daily }
        guard let max = headers["X-RateLimit-Max"].flatMap(Int.init),
            let reported = headers["X-RateLimit-Remaining"].flatMap(Int.init)
        else { return }
        let milliseconds = headers["X-RateLimit-Interval-Milliseconds"].flatMap(Int.init) ?? 10_000
        let now = sleeper.now()
        let first = window == nil
        window = Window(max: max, interval: .milliseconds(milliseconds))
        // Sends are already planned for the next window: this count is of the one ending.
        if windowStart > now { return }
        if first || reported > remaining || reported >= max - 1 {
            windowStart = now
        } else if response.status == 429 && now >= windowStart + .milliseconds(milliseconds) {
            windowStart = now
        }
        remaining = response.status == 429 ? 0 : reported
    }

    /// Counts a booked request that got no response (a transport failure) as no longer in flight.
    public func abandon() {
        inFlight = max(0, inFlight - 1)
    }
}
