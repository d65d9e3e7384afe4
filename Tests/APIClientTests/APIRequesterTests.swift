import Foundation
import SyncHTTP
import Testing

@Suite struct APIRequesterTests {
    func requester(_ transport: FakeTransport, _ options: ClientOptions) -> APIRequester {
        APIRequester(transport: transport, options: options, gate: OpenGate(), redactor: SecretRedactor())
    }

    func get() -> HTTPRequest { HTTPRequest(method: .get, url: testURL, route: "GET /things/{id}") }
    func create() -> HTTPRequest { HTTPRequest(method: .post, url: testURL, route: "POST /things") }

    @Test(arguments: [429, 500, 502, 503, 504])
    func retryableStatusIsRetriedThenSucceeds(status: Int) async throws {
        let transport = FakeTransport([.success(json(status, "{}")), .success(json(200, "{}"))])
        let (response, attempts) = try await requester(transport, testOptions()).perform(get())
        #expect(response.status == 200)
        #expect(attempts == 2)
        #expect(transport.requests.count == 2)
    }

    @Test(arguments: [400, 401, 403, 404, 409, 422])
    func clientErrorIsNotRetried(status: Int) async throws {
        let transport = FakeTransport([.success(json(status, "{}")), .success(json(200, "{}"))])
        let (response, attempts) = try await requester(transport, testOptions()).perform(get())
        #expect(response.status == status)
        #expect(attempts == 1)
    }

    @Test(arguments: [TransportError.Kind.timeout, .connectionClosed, .connectFailed])
    func transportFailureOfAReadIsRetried(kind: TransportError.Kind) async throws {
        let transport = FakeTransport([
            .failure(TransportError(kind, requestSent: true)), .success(json(200, "{}")),
        ])
        let (response, _) = try await requester(transport, testOptions()).perform(get())
        #expect(response.status == 200)
        #expect(transport.requests.count == 2)
    }

    @Test(arguments: [
        (500, false), (502, false), (504, false), (429, true), (503, true),
    ])
    func createIsRetriedOnlyWhenTheStatusSaysNothingWasDone(status: Int, retried: Bool) async throws {
        let transport = FakeTransport([.success(json(status, "{}")), .success(json(201, "{}"))])
        let (response, _) = try await requester(transport, testOptions()).perform(create())
        #expect((response.status == 201) == retried)
        #expect(transport.requests.count == (retried ? 2 : 1))
    }

    @Test func createIsRetriedWhenTheConnectionNeverOpened() async throws {
        let transport = FakeTransport([
            .failure(TransportError(.connectFailed, requestSent: false)), .success(json(201, "{}")),
        ])
        let (response, _) = try await requester(transport, testOptions()).perform(create())
        #expect(response.status == 201)
    }

    @Test func createThatTimedOutAfterSendingIsNotRetriedAndSaysToLookItUp() async throws {
        let transport = FakeTransport([
            .failure(TransportError(.timeout, requestSent: true)), .success(json(201, "{}")),
        ])
        let error = await #expect(throws: APIError.self) {
            try await requester(transport, testOptions()).perform(create())
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("look the item up") == true)
        #expect(transport.requests.count == 1)
    }

    @Test func backoffDelaysGrowAndStayWithinTheirCaps() async throws {
        let sleeper = RecordingSleeper()
        let retry = SyncHTTP.RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        let transport = FakeTransport([.success(json(503, "{}"))])
        let options = testOptions(sleeper: sleeper, jitter: FixedJitter(value: 0.999), retry: retry)
        _ = try await requester(transport, options).perform(get())
        let delays = sleeper.delays
        #expect(delays.count == 5)
        for (index, delay) in delays.enumerated() {
            #expect(delay >= .zero)
            #expect(delay <= retry.backoffCap(retry: index + 1))
        }
        #expect(zip(delays, delays.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(delays[0] < delays[3])
        #expect(retry.backoffCap(retry: 5) == .seconds(1))
    }

    @Test func seededJitterKeepsEveryDelayWithinFullJitterBounds() {
        let retry = SyncHTTP.RetryPolicy(baseDelay: .milliseconds(200), maxDelay: .seconds(10))
        let jitter = SeededJitter(seed: 42)
        for retryNumber in 1...8 {
            for _ in 0..<50 {
                let delay = retry.backoff(retry: retryNumber, jitter: jitter)
                #expect(delay >= .zero && delay <= retry.backoffCap(retry: retryNumber))
            }
        }
        let first = (0..<5).map { _ in SeededJitter(seed: 7).nextUnit() }
        #expect(Set(first).count == 1)
    }

    @Test func retryAfterIsHonouredInsteadOfBackoff() async throws {
        let sleeper = RecordingSleeper()
        let transport = FakeTransport([
            .success(json(429, "{}", headers: ["Retry-After": "7"])), .success(json(200, "{}")),
        ])
        _ = try await requester(transport, testOptions(sleeper: sleeper)).perform(get())
        #expect(sleeper.delays == [.seconds(7)])
    }

    @Test func exhaustedRetriesReturnTheLastResponseAndCountEverySend() async throws {
        let transport = FakeTransport([.success(json(502, #"{"message":"bad gateway"}"#))])
        let options = testOptions(retry: SyncHTTP.RetryPolicy(maxAttempts: 3))
        let (response, attempts) = try await requester(transport, options).perform(get())
        #expect(response.status == 502)
        #expect(attempts == 3)
        let stats = options.counters.snapshot()
        #expect(stats.calls == 1)
        #expect(stats.sent == 3)
        #expect(stats.retries == 2)
        #expect(stats.serverErrors == 3)
    }

    @Test func boundedConcurrencyNeverExceedsTheLimit() async throws {
        let tracker = InFlightTracker()
        let transport = TrackingTransport(tracker: tracker)
        var options = testOptions()
        options.maxConcurrentRequests = 3
        let requester = APIRequester(
            transport: transport, options: options, gate: OpenGate(), redactor: SecretRedactor())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { _ = try await requester.perform(HTTPRequest(method: .get, url: testURL)) }
            }
            try await group.waitForAll()
        }
        #expect(await tracker.maximum <= 3)
        #expect(await tracker.total == 20)
    }
}

/// Counts requests in flight at once.
actor InFlightTracker {
    var current = 0
    var maximum = 0
    var total = 0
    func enter() {
        current += 1
        total += 1
        maximum = max(maximum, current)
    }
    func leave() { current -= 1 }
}

/// A transport that stays "in flight" for a few scheduler turns.
struct TrackingTransport: HTTPTransport {
    let tracker: InFlightTracker
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        await tracker.enter()
        for _ in 0..<10 { await Task.yield() }
        await tracker.leave()
        return HTTPResponse(status: 200)
    }
}
