import Foundation
import Hummingbird
import Logging
import NIOCore

/// The GoHighLevel Contacts API simulator (`Version: 2021-07-28`, and `v3` on the same routes).
///
/// Runs every request through the real service's gates in order: route, version header, token
/// and scope, per-location rate limit, injected faults, then the operation. Holds no mutable
/// state itself; the store actor does.
public final class GHLSimulator: SimulatorEngine {
    /// Options it was created with.
    public let options: GHLOptions
    /// The first location's contacts, tasks, notes, grants (`stores[0]`).
    public let store: GHLStore
    /// Every location's store, in `options.locationIds` order.
    public let stores: [GHLStore]
    /// Where the app is installed, and the Company tokens.
    let company: GHLCompany
    /// Webhook queue (signed deliveries to `options.webhookURLs` and `/_sim/webhooks`).
    public let webhooks: WebhookDispatcher
    /// Signing keys for webhooks.
    public let signer: GHLWebhookSigner
    let clock: SimClock
    let random: SeededRandom
    let stats = StatsRecorder()
    let faults: FaultInjector
    let burst: SlidingWindowLimiter
    let daily: FixedWindowCounter
    let seedContacts: [JSONValue]
    let webhookTargets: WebhookTargets
    let persistence: Persistence?
    /// One file per location: `ghl.json` for the first (as before), `ghl-<id>.json` for the others.
    let persistences: [Persistence?]

    /// Creates a simulator; `seedContacts` are in the API's GET shape.
    public init(
        options: GHLOptions = GHLOptions(), clock: SimClock = SimClock(), randomSeed: UInt64 = 1,
        seedContacts: [JSONValue] = [], transport: any WebhookTransport = URLSessionWebhookTransport(),
        dataDirectory: URL? = nil
    ) async {
        self.options = options
        self.clock = clock
        self.random = SeededRandom(seed: randomSeed)
        let ids = options.locationIds
        self.stores = ids.indices.map { index in
            GHLStore(
                options: options.location(at: index), clock: clock,
                random: SeededRandom(seed: randomSeed &+ 7 &+ UInt64(index) &* 1_000_003))
        }
        self.store = stores[0]
        self.company = GHLCompany(options: options, clock: clock, random: SeededRandom(seed: randomSeed &+ 17))
        self.faults = FaultInjector(seed: randomSeed &+ 13)
        self.burst = SlidingWindowLimiter(limit: options.burstLimit, windowMillis: options.burstWindowMillis)
        self.daily = FixedWindowCounter(limit: options.dailyLimit, windowMillis: 86_400_000)
        self.signer = GHLWebhookSigner.shared
        self.seedContacts = seedContacts
        self.webhookTargets = WebhookTargets(options.webhookURLs)
        let retryMillis = options.webhookRetryMillis
        self.webhooks = WebhookDispatcher(
            clock: clock, transport: transport,
            policy: .init(success: 200...299, retryOnlyOn: [429], maxRetries: options.webhookMaxRetries) {
                _ in retryMillis
            })
        self.persistences = ids.indices.map { index in
            dataDirectory.map { Persistence(file: $0.appendingPathComponent(index == 0 ? "ghl.json" : "ghl-\(ids[index]).json")) }
        }
        self.persistence = persistences[0]
        for (index, locationStore) in stores.enumerated() {
            if let saved: GHLStore.Snapshot = persistences[index]?.load() {
                await locationStore.restore(saved)
            } else {
                if index == 0 { await locationStore.seed(contacts: seedContacts) }
                if let file = persistences[index] { file.save(await locationStore.snapshot()) }
            }
        }
    }

    /// A Hummingbird application serving this simulator (for `app.test(.router)` or a real port).
    public func application(
        host: String = "127.0.0.1", port: Int = 0,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: SimResponder(engine: self),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: onServerRunning,
            logger: Logger(label: "fgsync.simulator.ghl")
        )
    }

    // MARK: - Pipeline

    /// Answers one request.
    public func handle(_ request: SimRequest) async -> SimResponse {
        let segments = RouteTable<GHLRoute>.split(request.path)
        if segments.first == "_sim" { return await control(request, Array(segments.dropFirst())) }
        var template = "(unmatched)"
        var rateKey = options.locationId
        var response: SimResponse
        var delay = 0
        do {
            if request.bodyTooLarge {
                throw SimError(
                    413, GHLErrors.body(413, "request entity too large", error: "Payload Too Large"))
            }
            let found = GHLRoute.table.match(method: request.method, segments: segments)
            guard let match = found.match else {
                throw GHLErrors.notFound("Cannot \(request.method) \(request.path)")
            }
            template = match.template
            var grant: GHLGrant?
            var target = store
            if match.route != .oauthToken {
                let found = try await authorize(request, route: match.route)
                let resolved = try await resolve(found, route: match.route, params: match.params, request: request)
                (grant, target) = (resolved.grant, resolved.store)
                rateKey = found.kind == .company ? options.companyId : resolved.grant.locationId
                try limit(rateKey)
            }
            let fault = faults.decide(method: request.method, template: template)
            if case .slow(let millis)? = fault { delay = millis }
            if let fault, !fault.runsHandler {
                response = faultResponse(fault)
            } else if let grant {
                let body = try parseBody(request, route: match.route)
                response = try await perform(
                    match.route, params: match.params, body: body, request: request, grant: grant, store: target)
                await flushEvents()
                if request.method != "GET", let file = persistence(of: target) { file.save(await target.snapshot()) }
                if let replacement = fault?.replacement { response = faultResponse(replacement) }
            } else {
                response = try await oauthToken(request)
                if let replacement = fault?.replacement { response = faultResponse(replacement) }
            }
        } catch let error as SimError {
            response = error.response
        } catch {
            response = .json(
                500, GHLErrors.body(500, "Internal server error", error: "Internal Server Error"))
        }
        if request.header("version") == "v3" { response = withV3Spelling(response) }
        response = withTraceId(response)
        response = withRateHeaders(response, key: rateKey)
        response.delayMillis = max(response.delayMillis, delay)
        stats.record(route: "\(request.method) \(template)", status: response.status)
        return response
    }

    func authorize(_ request: SimRequest, route: GHLRoute) async throws(SimError) -> GHLGrant {
        guard let version = request.header("version"), version == "2021-07-28" || version == "v3" else {
            throw GHLErrors.badRequest("Version header was not found or is invalid")
        }
        guard let header = request.header("authorization"), header.lowercased().hasPrefix("bearer "),
            case let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), !token.isEmpty
        else {
            throw GHLErrors.unauthorized("Invalid token: access token is invalid")
        }
        let grant = try await grant(for: token)
        guard grant.scopes.contains(route.scope) else { throw GHLErrors.unauthorized(GHLErrors.scope) }
        return grant
    }

    func limit(_ key: String) throws(SimError) {
        let now = clock.nowMillis()
        guard daily.remaining(key: key, now: now) > 0, burst.remaining(key: key, now: now) > 0 else {
            throw SimError(
                429, GHLErrors.body(429, "ThrottlerException: Too Many Requests", error: "Too Many Requests"))
        }
        _ = burst.acquire(key: key, now: now)
        _ = daily.acquire(key: key, now: now)
    }

    func faultResponse(_ fault: FaultInjector.Fault) -> SimResponse {
        switch fault {
        case .drop:
            var response = SimResponse(status: 500)
            response.dropConnection = true
            return response
        case .slow, .afterApply:
            return faultResponse(fault.replacement ?? .status(500))
        case .status(429):
            return .json(
                429, GHLErrors.body(429, "ThrottlerException: Too Many Requests", error: "Too Many Requests"))
        case .status(422):
            return GHLErrors.unprocessable(["Unprocessable Entity"]).response
        case .status(let code) where code == 502 || code == 503 || code == 504:
            return .gatewayPage(code)
        case .status(500):
            return .json(500, GHLErrors.body(500, "Internal server error", error: "Internal Server Error"))
        case .status(let code):
            return .json(
                code, GHLErrors.body(code, .string(SimResponse.reason(code)), error: SimResponse.reason(code))
            )
        }
    }

    func parseBody(_ request: SimRequest, route: GHLRoute) throws(SimError) -> JSONValue {
        guard route.hasBody else { return [:] }
        if request.body.isEmpty || request.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }) {
            return [:]
        }
        // body-parser's strict mode: only objects and arrays are JSON bodies.
        guard let parsed = try? JSONValue.parse(request.body),
            parsed.objectValue != nil || parsed.arrayValue != nil
        else {
            throw GHLErrors.badRequest("Unexpected token in JSON at position 0")
        }
        return parsed
    }

    func withTraceId(_ response: SimResponse) -> SimResponse {
        if response.isAssembledObject {
            // A list page built from cached rows: put the id in front rather than re-encode it.
            var copy = response
            copy.body = EncodedJSON.prepending(key: "traceId", value: EncodedJSON.string(random.uuid()), to: response.body)
            return copy
        }
        guard response.headers.contains(where: { $0.value.hasPrefix("application/json") }),
            case .object(var members)? = response.json, members["traceId"] == nil,
            members["access_token"] == nil
        else { return response }
        members["traceId"] = .string(random.uuid())
        var copy = response
        copy.body = JSONValue.object(members).serialized()
        return copy
    }

    /// `Version: v3` answers carry the corrected `succeeded` beside the deprecated `succeded`.
    func withV3Spelling(_ response: SimResponse) -> SimResponse {
        guard !response.isAssembledObject, case .object(var members)? = response.json, let flag = members["succeded"] else {
            return response
        }
        members["succeeded"] = flag
        var copy = response
        copy.body = JSONValue.object(members).serialized()
        return copy
    }

    func withRateHeaders(_ response: SimResponse, key: String) -> SimResponse {
        let now = clock.nowMillis()
        var copy = response
        copy.headers.append(("X-RateLimit-Limit-Daily", String(options.dailyLimit)))
        copy.headers.append(("X-RateLimit-Daily-Remaining", String(daily.remaining(key: key, now: now))))
        copy.headers.append(("X-RateLimit-Interval-Milliseconds", String(options.burstWindowMillis)))
        copy.headers.append(("X-RateLimit-Max", String(options.burstLimit)))
        copy.headers.append(("X-RateLimit-Remaining", String(burst.remaining(key: key, now: now))))
        return copy
    }

    /// Sends queued events to every webhook target, signed, with `timestamp` and `webhookId`.
    /// A location where the app is not installed sends nothing but its `UNINSTALL` (ghl.md §7.1:
    /// events come "for locations where the app is installed").
    func flushEvents() async {
        var events: [(type: String, payload: [String: JSONValue])] = []
        for (index, locationStore) in stores.enumerated() {
            let taken = await locationStore.takeEvents()
            let installed = await company.isInstalled(options.locationIds[index])
            events += taken.filter { installed || $0.type == "UNINSTALL" }
        }
        let targets = webhookTargets.all()
        guard !events.isEmpty, !targets.isEmpty else { return }
        for (_, payload) in events {
            var body = payload
            body["timestamp"] = .string(TimeFormat.isoMillis(clock.nowMillis()))
            // Event ids are unique across runs, so a receiver deduplicating by webhookId never drops a new event.
            body["webhookId"] = .string(UUID().uuidString.lowercased())
            body["appId"] = .string(options.appId)
            body["versionId"] = "sim-version-1"
            let bytes = JSONValue.object(body).serialized()
            let headers = [("Content-Type", "application/json")] + signer.signatureHeaders(for: bytes)
            for url in targets { await webhooks.enqueue(url: url, headers: headers, body: bytes) }
        }
    }

    /// Back to the initial state: seed data only, no faults, fresh limits and stats.
    public func reset() async {
        for locationStore in stores { await locationStore.reset() }
        await store.seed(contacts: seedContacts)
        await company.reset()
        burst.reset()
        daily.reset()
        faults.configure(FaultConfig())
        stats.reset()
        await webhooks.reset()
    }

    /// Request counts by route template and status.
    public func statsSnapshot() -> JSONValue { stats.snapshot() }

    /// Registers a webhook target URL.
    public func addWebhookTarget(_ url: String) { webhookTargets.add(url) }

    /// Sets fault injection.
    public func setFaults(_ config: FaultConfig) { faults.configure(config) }
}
