import Foundation
import SyncHTTP
import Testing

/// The GHL pacer sits on the window's floor: it knows when each of its slots comes back and
/// books the next request for that moment, instead of spreading the end of every window.
@Suite struct PacerWindowTests {
    func limits(remaining: Int, max: Int = 10, interval: Int = 10_000, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [
                "X-RateLimit-Max": "\(max)", "X-RateLimit-Remaining": "\(remaining)",
                "X-RateLimit-Interval-Milliseconds": "\(interval)", "X-RateLimit-Daily-Remaining": "1000",
            ])
    }

    /// Four answered requests: one at 0 s (9 left), three at 1 s (6 left).
    func pacerWithFourSlotsTaken(_ sleeper: RecordingSleeper) async throws -> RateLimitPacer {
        let pacer = RateLimitPacer(sleeper: sleeper)
        _ = try await pacer.reserve()
        await pacer.observe(limits(remaining: 9))
        sleeper.advance(.seconds(1))
        for remaining in [8, 7, 6] {
            _ = try await pacer.reserve()
            await pacer.observe(limits(remaining: remaining))
        }
        return pacer
    }

    @Test func pacerLetsTheRemainingRequestsGoAtOnceAndTheNextWaitForTheOldestSlotToComeBack() async throws {
        let sleeper = RecordingSleeper()
        let pacer = try await pacerWithFourSlotsTaken(sleeper)

        var waits: [Duration] = []
        for _ in 0..<7 { waits.append(try await pacer.reserve()) }

        // Six left: six go now; the seventh when the slot taken at 0 s comes back (10 s, 9 s from now).
        #expect(waits == Array(repeating: .zero, count: 6) + [.seconds(9)])
    }

    @Test func pacerBooksEachFurtherRequestForTheMomentItsSlotComesBack() async throws {
        let sleeper = RecordingSleeper()
        let pacer = try await pacerWithFourSlotsTaken(sleeper)
        for _ in 0..<6 { _ = try await pacer.reserve() }

        var waits: [Duration] = []
        for _ in 0..<4 { waits.append(try await pacer.reserve()) }

        // Slots taken at 0 s, 1 s, 1 s, 1 s come back at 10 s, 11 s, 11 s, 11 s (now is 1 s).
        #expect(waits == [.seconds(9), .seconds(10), .seconds(10), .seconds(10)])
    }

    @Test func pacerSendsAtOnceWhenTheServersWindowResetsBeforeTheAnnouncedInterval() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        for remaining in (5...9).reversed() {
            _ = try await pacer.reserve()
            await pacer.observe(limits(remaining: remaining))
        }
        sleeper.advance(.seconds(3))
        // The server counts only this answer: its window started again after 3 s, not 10 s.
        _ = try await pacer.reserve()
        await pacer.observe(limits(remaining: 9))

        var waits: [Duration] = []
        for _ in 0..<10 { waits.append(try await pacer.reserve()) }

        #expect(waits == Array(repeating: .zero, count: 9) + [.seconds(10)])
    }

    @Test func pacerAdoptsTheWindowTheHeadersAnnounceWhenItChanges() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        _ = try await pacer.reserve()
        await pacer.observe(limits(remaining: 9))
        _ = try await pacer.reserve()
        await pacer.observe(limits(remaining: 18, max: 20, interval: 2_000))

        var waits: [Duration] = []
        for _ in 0..<19 { waits.append(try await pacer.reserve()) }

        // Two slots taken at 0 s of a window of 20 per 2 s: 18 go now, the next at 2 s.
        #expect(waits == Array(repeating: .zero, count: 18) + [.seconds(2)])
    }

    @Test func pacedRunAgainstASlidingWindowServerKeepsItFullAndSeesNo429() async throws {
        let sleeper = RecordingSleeper()
        let server = SlidingWindowServer(sleeper: sleeper, max: 100, interval: .seconds(10))
        let options = testOptions(sleeper: sleeper)
        let requester = APIRequester(
            transport: server, options: options, gate: RateLimitPacer(sleeper: sleeper),
            redactor: SecretRedactor())

        for _ in 0..<250 { _ = try await requester.perform(HTTPRequest(method: .get, url: testURL)) }

        // 100 at 0 s, 100 at 10 s, 50 at 20 s: no window left idle, none overflowed.
        #expect(options.counters.snapshot().rateLimited == 0)
        #expect(sleeper.now() == .seconds(20))
    }

    @Test func hourlyBudgetSpacesSendsAtTheSustainedRateAfterFulcrumAnswers429() async throws {
        let sleeper = RecordingSleeper()
        let budget = HourlyBudget(limit: 3_600, sleeper: sleeper)
        #expect(await budget.reserve() == .zero)
        await budget.observe(HTTPResponse(status: 429, headers: [:]))

        let afterLimit = await budget.reserve()
        sleeper.advance(afterLimit)
        await budget.observe(HTTPResponse(status: 200, headers: [:]))
        let afterAnswer = await budget.reserve()

        // 3,600 per hour is one a second while the server's hour is full; at once again after.
        #expect(afterLimit == .seconds(1))
        #expect(afterAnswer == .zero)
    }
}

/// A fake server with the simulator's sliding-window limit: a request counts for one interval
/// after it arrived; over the limit it answers 429.
final class SlidingWindowServer: HTTPTransport, @unchecked Sendable {
    // @unchecked: state is only touched under `lock`.
    private let lock = NSLock()
    let sleeper: RecordingSleeper
    let max: Int
    let interval: Duration
    private var hits: [Duration] = []

    init(sleeper: RecordingSleeper, max: Int, interval: Duration) {
        self.sleeper = sleeper
        self.max = max
        self.interval = interval
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            let now = sleeper.now()
            hits.removeAll { $0 <= now - interval }
            let over = hits.count >= max
            if !over { hits.append(now) }
            return HTTPResponse(
                status: over ? 429 : 200,
                headers: [
                    "X-RateLimit-Max": "\(max)", "X-RateLimit-Remaining": "\(Swift.max(0, max - hits.count))",
                    "X-RateLimit-Interval-Milliseconds": "\(interval.components.seconds * 1000)",
                    "X-RateLimit-Daily-Remaining": "100000",
                ])
        }
    }
}
