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
            let problem = await health.problem()
            return json(problem == nil ? 200 : 503, problem.map { ["status": "not ready", "reason": $0] } ?? ["status": "ready"])
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

    static func json(_ status: Int, _ object: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// What readiness and the gauges read.
struct ServeHealth: Sendable {
    let runner: PassRunner
    let worker: InboxWorker

    /// Why serve is not ready, or `nil`: the state file answers and the last pass did not fail.
    func problem() async -> String? {
        do {
            _ = try await worker.store.inboxDepth()
        } catch {
            return "the state file does not answer: \(error)"
        }
        return await runner.lastFailure
    }

    func refreshGauges() async { await worker.refreshGauges() }
}
