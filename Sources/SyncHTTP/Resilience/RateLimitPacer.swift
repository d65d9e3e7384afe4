/// Paces requests from GHL's `X-RateLimit-*` headers so a run keeps the burst window full
/// without bouncing off 429s.
///
/// GHL sends, on every response, the window (`X-RateLimit-Max` requests per
/// `X-RateLimit-Interval-Milliseconds`), what is left of it (`X-RateLimit-Remaining`) and of the
/// day (`X-RateLimit-Daily-Remaining`); it sends no reset time. The pacer keeps a ledger of when
/// its own answered requests took a slot: each slot is free again one interval later at the
/// latest (sliding or fixed window alike), so it knows when the window resets for each of them.
/// The server's `Remaining` is the truth it checks the ledger against:
/// - while the window has room (after the requests in flight), sends at once;
/// - when it is full, books the next send for the moment the oldest slot comes back, so the
///   window never sits idle and never overflows;
/// - when the server counts fewer of our slots than the ledger (its window reset sooner than
///   announced), it forgets the oldest and sends sooner;
/// - when the server counts requests that are not ours (another client shares the location),
///   it cannot know when those come back: it assumes with the oldest slot it knows, and spreads
///   the last `lowWater` of the window over the time up to then;
/// - when the daily allowance is gone, throws `rateLimited` (waiting a day is not pacing), and
///   after `dailyProbeInterval` lets one request through to see whether the day has turned.
public actor RateLimitPacer: RequestGate {
    /// The window GHL announced.
    struct Window {
        var max: Int
        var interval: Duration
    }

    let sleeper: any Sleeper
    /// Fraction of the window below which a shared window's sends are spread.
    let lowWater: Double
    /// How long to refuse requests after the daily allowance ran out before probing again.
    let dailyProbeInterval: Duration
    /// The last window the headers announced.
    var window: Window?
    /// When each of our answered requests took its slot (its answer time), within the window.
    var ledger = SlotLedger()
    /// Slots the server counts that are not ours, and when they are assumed free.
    var foreign = 0
    var foreignUntil: Duration = .zero
    /// The server's last daily remainder.
    var dailyRemaining: Int?
    /// When the daily allowance was first seen used up.
    var dailyExhaustedAt: Duration?
    /// Requests booked and not yet answered (waiting to go, or in flight).
    var inFlight = 0
    /// When the last booked request goes out.
    var lastBooked: Duration?

    /// Creates a pacer; `lowWater` is the fraction of a shared window below which sends are
    /// spread; `dailyProbeInterval` is how long requests are refused once the daily allowance is
    /// gone.
    public init(sleeper: any Sleeper, lowWater: Double = 0.25, dailyProbeInterval: Duration = .seconds(3_600))
    {
        self.sleeper = sleeper
        self.lowWater = lowWater
        self.dailyProbeInterval = dailyProbeInterval
    }

    /// Books the next send: at once while the window has room, else when a slot comes back.
    public func reserve() throws -> Duration {
        let now = sleeper.now()
        try checkDaily(now)
        guard let window else { return book(at: now, now: now) }
        ledger.forget(through: now - window.interval)
        if foreign > 0 && foreignUntil <= now { foreign = 0 }
        let free = firstFreeSlot(from: now, window: window)
        guard foreign > 0, free == now else { return book(at: free, now: now) }
        // A shared window: keep the last part of it spread out, as the other client may send too.
        let available = window.max - ledger.count - foreign - inFlight
        let earliest = max(now, lastBooked ?? now)
        let low = Int((Double(window.max) * lowWater).rounded(.up))
        if available > low { return book(at: earliest, now: now) }
        let spacing = max(.zero, (foreignUntil - earliest) / available)
        return book(at: earliest + spacing, now: now)
    }

    /// The earliest time from `now` at which one more request fits in the window: slots come
    /// back one by one as the ledger's entries age out, the foreign ones all at `foreignUntil`.
    func firstFreeSlot(from now: Duration, window: Window) -> Duration {
        var excess = ledger.count + foreign + inFlight + 1 - window.max
        guard excess > 0 else { return now }
        var index = 0
        var foreignLeft = foreign > 0
        while true {
            let nextOwn = index < ledger.count ? ledger[index] + window.interval : nil
            if foreignLeft, nextOwn.map({ foreignUntil <= $0 }) ?? true {
                foreignLeft = false
                excess -= foreign
                if excess <= 0 { return max(now, foreignUntil) }
            } else if let nextOwn {
                index += 1
                excess -= 1
                if excess <= 0 { return max(now, nextOwn) }
            } else {
                // Only requests still unanswered hold the window: theirs come back an interval
                // after they are answered, at the latest.
                return now + window.interval
            }
        }
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

    /// Reads the `X-RateLimit-*` headers of a response, counts its request as answered, and
    /// checks the ledger against the server's count (as of now: every slot in the ledger counts).
    public func observe(_ response: HTTPResponse) {
        observe(response, sentAt: sleeper.now())
    }

    /// Reads the `X-RateLimit-*` headers of the answer to a request sent at `sentAt`. The count
    /// is the server's as of some moment after `sentAt`: it includes every slot answered before
    /// then, but maybe not those answered since (answers overtake each other), so only the
    /// former can show that the server forgot a slot.
    public func observe(_ response: HTTPResponse, sentAt: Duration) {
        inFlight = max(0, inFlight - 1)
        let now = sleeper.now()
        // A 429 took no slot; any other answer did, at the latest now.
        let own = response.status == 429 ? 0 : 1
        let headers = response.headers
        if let daily = headers["X-RateLimit-Daily-Remaining"].flatMap(Int.init) { dailyRemaining = daily }
        guard let max = headers["X-RateLimit-Max"].flatMap(Int.init), max > 0,
            let reported = headers["X-RateLimit-Remaining"].flatMap(Int.init)
        else {
            guard let window else { return }
            if own == 1 { ledger.append(now) }
            ledger.forget(through: now - window.interval)
            return
        }
        let milliseconds = headers["X-RateLimit-Interval-Milliseconds"].flatMap(Int.init) ?? 10_000
        let window = Window(max: max, interval: .milliseconds(Swift.max(1, milliseconds)))
        self.window = window
        ledger.forget(through: now - window.interval)
        let used = max - (own == 0 ? 0 : Swift.min(max, Swift.max(0, reported)))
        // The server no longer counts some of our slots answered before this one was sent: its
        // window reset sooner than ours. (An answer at the very instant of the send may not be
        // counted yet, so only earlier ones are.)
        let counted = ledger.count(before: sentAt)
        if counted + own > used { ledger.dropOldest(Swift.min(counted, counted + own - used)) }
        if own == 1 { ledger.append(now) }
        // Requests in flight may or may not be counted yet; whatever is left over is not ours.
        let unexplained = used - ledger.count - inFlight
        if unexplained > 0 {
            foreign = unexplained
            foreignUntil = (ledger.oldest ?? now) + window.interval
        } else {
            foreign = 0
        }
    }

    /// Counts a booked request that got no answer (a transport failure) as no longer in flight;
    /// its slot stays taken, as the server may have counted it.
    public func abandon() {
        inFlight = max(0, inFlight - 1)
        guard let window else { return }
        let now = sleeper.now()
        ledger.append(now)
        ledger.forget(through: now - window.interval)
    }
}
