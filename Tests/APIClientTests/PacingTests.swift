import Foundation
import FulcrumAPI
import SyncHTTP
import Testing

@Suite struct PacingTests {
    func limits(remaining: Int, max: Int = 100, interval: Int = 10_000, daily: Int = 150_000) -> HTTPResponse
    {
        HTTPResponse(
            status: 200,
            headers: [
                "X-RateLimit-Max": "\(max)", "X-RateLimit-Remaining": "\(remaining)",
                "X-RateLimit-Interval-Milliseconds": "\(interval)", "X-RateLimit-Daily-Remaining": "\(daily)",
            ])
    }

    @Test func pacerSendsAtOnceWhileTheWindowHasRoom() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        await pacer.observe(limits(remaining: 99))
        for _ in 0..<10 { #expect(try await pacer.reserve() == .zero) }
    }

    @Test func pacerSpreadsTheRemainingBudgetOverTheWindowWhenLow() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        await pacer.observe(limits(remaining: 99))
        sleeper.advance(.seconds(2))
        await pacer.observe(limits(remaining: 10))
        // 10 left, 8 s left in the window: one send every 0.8 s.
        let first = try await pacer.reserve()
        let second = try await pacer.reserve()
        #expect(first == .milliseconds(800))
        #expect(second == .milliseconds(1_600))
    }

    @Test func pacerWaitsForTheWindowToEndWhenNothingIsLeft() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        await pacer.observe(limits(remaining: 99))
        sleeper.advance(.seconds(3))
        await pacer.observe(limits(remaining: 0))
        #expect(try await pacer.reserve() == .seconds(7))
    }

    @Test func pacerStopsWhenTheDailyAllowanceIsGone() async throws {
        let pacer = RateLimitPacer(sleeper: RecordingSleeper())
        await pacer.observe(limits(remaining: 50, daily: 0))
        let error = await #expect(throws: APIError.self) { try await pacer.reserve() }
        #expect(error?.code == .rateLimited)
    }

    @Test func pacerProbesAgainAnHourAfterTheDailyAllowanceRanOut() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        await pacer.observe(limits(remaining: 50, daily: 0))
        await #expect(throws: APIError.self) { try await pacer.reserve() }
        sleeper.advance(.seconds(1_800))
        await #expect(throws: APIError.self) { try await pacer.reserve() }
        sleeper.advance(.seconds(1_800))
        #expect(try await pacer.reserve() == .zero)
    }

    @Test func pacedRunOf250RequestsAgainstA100Per10sServerSeesNo429() async throws {
        let sleeper = RecordingSleeper()
        let server = WindowedServer(sleeper: sleeper, max: 100, interval: .seconds(10))
        let options = testOptions(sleeper: sleeper)
        let requester = APIRequester(
            transport: server, options: options, gate: RateLimitPacer(sleeper: sleeper),
            redactor: SecretRedactor())
        for _ in 0..<250 { _ = try await requester.perform(HTTPRequest(method: .get, url: testURL)) }
        let stats = options.counters.snapshot()
        #expect(stats.rateLimited == 0)
        #expect(stats.sent == 250)
        #expect(stats.pacedSends > 0)
    }

    @Test func hourlyBudgetWaitsForTheOldestSendToLeaveTheHour() async throws {
        let sleeper = RecordingSleeper()
        let budget = HourlyBudget(limit: 3, sleeper: sleeper)
        #expect(await budget.reserve() == .zero)
        sleeper.advance(.seconds(60))
        #expect(await budget.reserve() == .zero)
        #expect(await budget.reserve() == .zero)
        #expect(await budget.reserve() == .seconds(3_540))
    }

    @Test func hourlyBudgetOfTheFulcrumClientDelaysTheRequestOverTheLimit() async throws {
        let sleeper = RecordingSleeper()
        let transport = FakeTransport([.success(json(200, #"{"record":{"id":"r1"}}"#))])
        let client = FulcrumClientFactory.make(transport, testOptions(sleeper: sleeper), hourlyLimit: 2)
        for _ in 0..<3 { _ = try await client.record(id: "r1") }
        #expect(sleeper.delays == [.seconds(3_600)])
        #expect(client.stats.pacedSends == 1)
    }
}

/// A fake server with GHL's fixed-window limit that answers 429 when it is exceeded.
final class WindowedServer: HTTPTransport, @unchecked Sendable {
    // @unchecked: state is only touched under `lock`.
    private let lock = NSLock()
    let sleeper: RecordingSleeper
    let max: Int
    let interval: Duration
    private var windowStart: Duration = .zero
    private var used = 0

    init(sleeper: RecordingSleeper, max: Int, interval: Duration) {
        self.sleeper = sleeper
        self.max = max
        self.interval = interval
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            let now = sleeper.now()
            if now >= windowStart + interval {
                windowStart = now
                used = 0
            }
            used += 1
            let over = used > max
            let remaining = Swift.max(0, max - used)
            return HTTPResponse(
                status: over ? 429 : 200,
                headers: [
                    "X-RateLimit-Max": "\(max)", "X-RateLimit-Remaining": "\(remaining)",
                    "X-RateLimit-Interval-Milliseconds": "\(interval.components.seconds * 1000)",
                    "X-RateLimit-Daily-Remaining": "100000",
                ])
        }
    }
}

@Suite struct PacerInFlightTests {
    func limits(remaining: Int) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [
                "X-RateLimit-Max": "10", "X-RateLimit-Remaining": "\(remaining)",
                "X-RateLimit-Interval-Milliseconds": "10000", "X-RateLimit-Daily-Remaining": "1000",
            ])
    }

    @Test func requestsInFlightCountAgainstWhatIsLeft() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        _ = try await pacer.reserve()
        await pacer.observe(limits(remaining: 4))
        // 4 left: four bookings without answers use them up; the fifth waits for the window end.
        var waits: [Duration] = []
        for _ in 0..<5 { waits.append(try await pacer.reserve()) }
        #expect(waits.last == .seconds(10))
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(waits.allSatisfy { $0 <= .seconds(10) })
    }

    @Test func failedExchangesAreForgotten() async throws {
        let sleeper = RecordingSleeper()
        let pacer = RateLimitPacer(sleeper: sleeper)
        _ = try await pacer.reserve()
        await pacer.observe(limits(remaining: 9))
        for _ in 0..<6 {
            _ = try await pacer.reserve()
            await pacer.abandon()
        }
        let last = try await pacer.reserve()
        #expect(last == .zero)
    }
}
