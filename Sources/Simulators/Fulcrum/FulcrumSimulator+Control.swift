import Foundation

extension FulcrumSimulator {
    /// `/_sim/...`: reset, faults, stats, clock, webhook delivery.
    func control(_ request: SimRequest, _ path: [String]) async -> SimResponse {
        guard (request.header("x-apitoken") ?? request.query("token")) == options.token else {
            return FulcrumErrors.unauthorized.response
        }
        let route = request.method + " " + path.joined(separator: "/")
        let shared = SharedControlRoutes(
            faults: faults, stats: stats, clock: clock, webhooks: webhooks, formatTime: { TimeFormat.isoSeconds($0) },
            reset: { await self.reset() })
        return await shared.answer(route, request)
            ?? .json(404, ["error": .string("unknown control route \(route)")])
    }
}
