import Foundation

/// The `/_sim/...` routes both simulators answer alike: reset, faults, stats, clock and
/// webhook delivery. Each simulator checks its own token first and adds its own routes.
struct SharedControlRoutes {
    let faults: FaultInjector
    let stats: StatsRecorder
    let clock: SimClock
    let webhooks: WebhookDispatcher
    /// How the clock route prints the new time (Fulcrum: seconds, GHL: milliseconds).
    let formatTime: @Sendable (Int64) -> String
    let reset: @Sendable () async -> Void

    /// The answer to `route` (`METHOD path`), or `nil` when it is not a shared route.
    func answer(_ route: String, _ request: SimRequest) async -> SimResponse? {
        switch route {
        case "POST reset":
            await reset()
            return .json(200, ["ok": true])
        case "GET faults":
            return .json(200, (try? JSONValue.parse(JSONEncoder().encode(faults.current()))) ?? [:])
        case "POST faults":
            guard let config = ControlRequest.faults(request.body) else {
                return ControlRequest.badControl("invalid fault config")
            }
            faults.configure(config)
            return .json(200, ["ok": true])
        case "GET stats":
            return .json(200, stats.snapshot())
        case "POST clock":
            guard let millis = ControlRequest.clockAdvance(request.body) else {
                return ControlRequest.badControl("expected {\"advanceSeconds\": n} or {\"advanceMillis\": n}")
            }
            clock.advance(millis: millis)
            await webhooks.deliverDue()
            return .json(200, ["now": .string(formatTime(clock.nowMillis()))])
        case "POST webhooks/deliver":
            await webhooks.drain()
            return .json(200, ["pending": .int(await webhooks.pendingCount())])
        default:
            return nil
        }
    }
}
