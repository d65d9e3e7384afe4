import Foundation

extension FulcrumSimulator {
    /// `/_sim/...`: reset, faults, stats, clock, webhook delivery.
    func control(_ request: SimRequest, _ path: [String]) async -> SimResponse {
        guard (request.header("x-apitoken") ?? request.query("token")) == options.token else {
            return FulcrumErrors.unauthorized.response
        }
        let route = request.method + " " + path.joined(separator: "/")
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
            return .json(200, ["now": .string(TimeFormat.isoSeconds(clock.nowMillis()))])
        case "POST webhooks/deliver":
            await webhooks.drain()
            return .json(200, ["pending": .int(await webhooks.pendingCount())])
        default:
            return .json(404, ["error": .string("unknown control route \(route)")])
        }
    }
}
