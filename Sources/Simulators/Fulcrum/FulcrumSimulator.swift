import Foundation
import Hummingbird
import Logging
import NIOCore

/// The Fulcrum REST API v2 simulator: records, history, forms, webhooks.
///
/// Gates in order: route (with or without `.json`), token (`X-ApiToken` or `?token=`), hourly
/// limit, injected faults, then the operation. Record events go to every active webhook,
/// unsigned, unless the write sent `X-SkipWebhooks: true`.
public final class FulcrumSimulator: SimulatorEngine {
    /// Options it was created with.
    public let options: FulcrumOptions
    /// Forms, records, history, webhooks.
    public let store: FulcrumStore
    /// Webhook delivery queue.
    public let webhooks: WebhookDispatcher
    let clock: SimClock
    let random: SeededRandom
    let stats = StatsRecorder()
    let faults: FaultInjector
    let hourly: SlidingWindowLimiter
    let seedRecords: [JSONValue]
    let persistence: Persistence?

    /// Creates a simulator; `seedRecords` are in the API's record shape.
    public init(
        options: FulcrumOptions = FulcrumOptions(), clock: SimClock = SimClock(), randomSeed: UInt64 = 1,
        seedRecords: [JSONValue] = [], transport: any WebhookTransport = URLSessionWebhookTransport(),
        dataDirectory: URL? = nil
    ) async {
        self.options = options
        self.clock = clock
        self.random = SeededRandom(seed: randomSeed &+ 101)
        self.store = FulcrumStore(
            options: options, clock: clock, random: SeededRandom(seed: randomSeed &+ 107))
        self.faults = FaultInjector(seed: randomSeed &+ 113)
        self.hourly = SlidingWindowLimiter(limit: options.hourlyLimit, windowMillis: 3_600_000)
        self.seedRecords = seedRecords
        let scale = options.webhookRetryScale
        self.webhooks = WebhookDispatcher(
            clock: clock, transport: transport,
            policy: .init(success: 200...207, retryOnlyOn: nil, maxRetries: options.webhookMaxRetries) {
                attempt in
                Int64((pow(Double(attempt), 4) + 15) * 1000 * scale)
            })
        self.persistence = dataDirectory.map { Persistence(file: $0.appendingPathComponent("fulcrum.json")) }
        if let saved: FulcrumStore.Snapshot = persistence?.load() {
            await store.restore(saved)
        } else {
            await store.seed(records: seedRecords)
            if let persistence { persistence.save(await store.snapshot()) }
        }
    }

    /// A Hummingbird application serving this simulator.
    public func application(
        host: String = "127.0.0.1", port: Int = 0,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: SimResponder(engine: self),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: onServerRunning,
            logger: Logger(label: "fgsync.simulator.fulcrum")
        )
    }

    /// Path segments with a trailing `.json` removed from the last one.
    static func segments(_ path: String) -> [String] {
        var segments = RouteTable<FulcrumRoute>.split(path)
        if let last = segments.last, last.hasSuffix(".json") {
            segments[segments.count - 1] = String(last.dropLast(5))
        }
        return segments
    }

    /// Answers one request.
    public func handle(_ request: SimRequest) async -> SimResponse {
        let segments = Self.segments(request.path)
        if segments.first == "_sim" { return await control(request, Array(segments.dropFirst())) }
        var template = "(unmatched)"
        var response: SimResponse
        var delay = 0
        do {
            if request.bodyTooLarge { throw FulcrumErrors.tooLarge }
            guard let match = FulcrumRoute.table.match(method: request.method, segments: segments).match
            else {
                throw FulcrumErrors.notFound
            }
            template = match.template
            let token = request.header("x-apitoken") ?? request.query("token")
            guard token == options.token else { throw FulcrumErrors.unauthorized }
            guard hourly.acquire(key: options.token, now: clock.nowMillis()).allowed else {
                throw FulcrumErrors.tooMany
            }
            let fault = faults.decide(method: request.method, template: template)
            if case .slow(let millis)? = fault { delay = millis }
            if let fault, !fault.runsHandler {
                response = faultResponse(fault)
            } else {
                let body = try parseBody(request, route: match.route)
                response = try await perform(match.route, params: match.params, body: body, request: request)
                if request.method != "GET", let persistence { persistence.save(await store.snapshot()) }
                if let replacement = fault?.replacement { response = faultResponse(replacement) }
            }
        } catch let error as SimError {
            response = error.response
        } catch {
            response = .json(500, ["error": "Internal Server Error", "status": 500])
        }
        response.delayMillis = max(response.delayMillis, delay)
        stats.record(route: "\(request.method) \(template)", status: response.status)
        return response
    }

    func faultResponse(_ fault: FaultInjector.Fault) -> SimResponse {
        switch fault {
        case .drop:
            var response = SimResponse(status: 500)
            response.dropConnection = true
            return response
        case .slow, .afterApply:
            return faultResponse(fault.replacement ?? .status(500))
        case .status(429): return FulcrumErrors.tooMany.response
        case .status(401): return FulcrumErrors.unauthorized.response
        case .status(404): return FulcrumErrors.notFound.response
        case .status(422): return FulcrumErrors.validation("record", ["base": ["is invalid"]]).response
        case .status(let code) where code == 502 || code == 503 || code == 504: return .gatewayPage(code)
        case .status(let code):
            return .json(code, ["error": .string(SimResponse.reason(code)), "status": .int(code)])
        }
    }

    /// The `{"record": {...}}` (or `{"webhook": {...}}`) object of a write.
    func parseBody(_ request: SimRequest, route: FulcrumRoute) throws(SimError) -> [String: JSONValue] {
        guard route.hasBody else { return [:] }
        guard let parsed = try? JSONValue.parse(request.body), let inner = parsed[route.resource]?.objectValue
        else {
            throw FulcrumErrors.validation(route.resource, .string(FulcrumErrors.invalidJSON))
        }
        return inner
    }

    /// Delivers record events to every active webhook (`{id, type, owner_id, data}`).
    func deliver(_ events: [FulcrumEvent]) async {
        guard !events.isEmpty else { return }
        let urls = await store.activeWebhookURLs()
        for event in events {
            let body: JSONValue = [
                "id": .string(UUID().uuidString.lowercased()), "type": .string(event.type),
                "owner_id": .string(options.organizationId),
                "data": event.data,
            ]
            let bytes = body.serialized()
            for url in urls {
                await webhooks.enqueue(url: url, headers: [("Content-Type", "application/json")], body: bytes)
            }
        }
    }

    /// Back to the initial state: default form and seed records only.
    public func reset() async {
        await store.reset()
        await store.seed(records: seedRecords)
        hourly.reset()
        faults.configure(FaultConfig())
        stats.reset()
        await webhooks.reset()
    }

    /// Request counts by route template and status.
    public func statsSnapshot() -> JSONValue { stats.snapshot() }

    /// Sets fault injection.
    public func setFaults(_ config: FaultConfig) { faults.configure(config) }
}
