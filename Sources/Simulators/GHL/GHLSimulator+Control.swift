import Foundation

extension GHLSimulator {
    /// `/_sim/...`: reset, faults, stats, clock, OAuth codes, webhook targets and keys, and
    /// `POST locations/:id/install` / `uninstall`.
    func control(_ request: SimRequest, _ path: [String]) async -> SimResponse {
        let route = request.method + " " + path.joined(separator: "/")
        if route == "GET webhook-keys" { return .json(200, signer.publicKeysJSON) }
        guard request.header("authorization") == "Bearer \(options.privateIntegrationToken)" else {
            return .json(
                401, GHLErrors.body(401, "Invalid token: access token is invalid", error: "Unauthorized"))
        }
        let shared = SharedControlRoutes(
            faults: faults, stats: stats, clock: clock, webhooks: webhooks, formatTime: { TimeFormat.isoMillis($0) },
            reset: { await self.reset() })
        if let answer = await shared.answer(route, request) { return answer }
        switch route {
        case "POST oauth/code":
            let scopeText = (try? JSONValue.parse(request.body))?["scope"]?.stringValue
            let scopes = scopeText.map { Set($0.split(separator: " ").map(String.init)) }
            return .json(200, ["code": .string(await store.issueAuthorizationCode(scopes: scopes))])
        case "GET webhooks":
            return .json(200, ["urls": .array(webhookTargets.all().map(JSONValue.string))])
        case "POST webhooks":
            guard let url = (try? JSONValue.parse(request.body))?["url"]?.stringValue else {
                return ControlRequest.badControl("expected {\"url\": \"...\"}")
            }
            webhookTargets.add(url)
            return .json(200, ["urls": .array(webhookTargets.all().map(JSONValue.string))])
        case "POST appointments":
            guard let event = try? JSONValue.parse(request.body), event["contactId"] != nil else {
                return ControlRequest.badControl("expected an appointment with contactId")
            }
            await store.addAppointment(event)
            return .json(200, ["ok": true])
        case _ where request.method == "POST" && path.count == 3 && path[0] == "locations"
            && (path[2] == "install" || path[2] == "uninstall"):
            return await installControl(path)
        case _ where route.hasPrefix("DELETE appointments/") && path.count == 2:
            let removed = await store.removeAppointment(id: path[1])
            return removed ? .json(200, ["ok": true]) : .json(404, ["error": .string("no appointment \(path[1])")])
        default:
            return .json(404, ["error": .string("unknown control route \(route)")])
        }
    }
}
