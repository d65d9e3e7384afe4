import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SyncStore

/// The HTTP surface of `fgsync serve`: the two webhook endpoints, health, readiness, metrics.
enum ServeRoutes {
    static func router(receiver: WebhookReceiver, health: ServeHealth, metrics: ServeMetrics, console: Console? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        console?.mount(on: router)
        router.post("webhooks/ghl") { request, _ -> Response in
            let body = try? await request.body.collect(upTo: WebhookReceiver.maxBody)
            let answer = await receiver.ghl(
                body: body.map { Data($0.readableBytesView) }, ghlSignature: request.headers[HTTPField.Name("x-ghl-signature")!],
                whSignature: request.headers[HTTPField.Name("x-wh-signature")!])
            return response(answer)
        }
        router.post("webhooks/fulcrum/:secret") { request, context -> Response in
            let body = try? await request.body.collect(upTo: WebhookReceiver.maxBody)
            let answer = await receiver.fulcrum(secret: context.parameters.get("secret") ?? "", body: body.map { Data($0.readableBytesView) })
            return response(answer)
        }
        router.get("healthz") { _, _ -> Response in
            json(200, ["status": "alive"])
        }
        router.get("readyz") { _, _ -> Response in
            let readiness = await health.readiness()
            var body: [String: Any] = ["status": readiness.reason == nil ? "ready" : "not ready", "syncs": readiness.syncs]
            body["reason"] = readiness.reason
            return json(readiness.reason == nil ? 200 : 503, body)
        }
        router.get("metrics") { request, _ -> Response in
            if let console, await !console.mayReadMetrics(request) { return json(401, ["status": "the console token is required"]) }
            await health.refreshGauges()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
        return router
    }

    static func response(_ answer: WebhookReceiver.Answer) -> Response {
        var response = json(answer.status, ["status": answer.message])
        if answer.status == 429 { response.headers[.retryAfter] = "60" }
        return response
    }

    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// What readiness and the gauges read: each sync's health.
struct ServeHealth: Sendable {
    let syncs: [ServedSync]
    /// Syncs that could not start (their state file would not open), with why.
    var down: [String: String] = [:]

    /// Each sync's health (`ready` or why not) and why serve is not ready, or `nil`. Serve is
    /// ready while one sync is: a sync whose passes fail (a refused token, a tripped rail) is
    /// reported here and retried on its timer, and the others keep syncing.
    func readiness() async -> (reason: String?, syncs: [String: String]) {
        var health = down
        var problems: [String] = []
        for sync in syncs {
            let problem = await sync.problem()
            health[sync.name] = problem ?? "ready"
            if let problem { problems.append(syncs.count == 1 && down.isEmpty ? problem : "\(sync.name): \(problem)") }
        }
        problems += down.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let ready = health.values.contains("ready")
        return (ready ? nil : problems.joined(separator: "; "), health)
    }

    func refreshGauges() async {
        for sync in syncs { await sync.worker.refreshGauges() }
    }
}
