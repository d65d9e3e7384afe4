import Crypto
import Foundation
import Logging
import SyncCore
import SyncStore

/// Answers webhook deliveries: checks who sent them, stores each accepted event in the inbox
/// before answering, and wakes the worker. The answer never waits for the sync.
///
/// GHL: the signature over the exact body bytes (`WebhookKeys`), a `timestamp` within five
/// minutes of now, a `webhookId` not seen before (a redelivery is answered 200 and queued
/// nothing: GHL retries only on 429, so any 2xx ends its retries). Fulcrum signs nothing, so
/// the secret path segment, compared in constant time, is what keeps strangers out.
struct WebhookReceiver: Sendable {
    let store: StateStore
    let keys: WebhookKeys
    /// The secret path segment Fulcrum's webhook URL carries; `nil`: Fulcrum webhooks are off.
    let fulcrumSecret: String?
    let metrics: ServeMetrics
    let logger: Logger
    let now: @Sendable () -> Date
    let wake: @Sendable () async -> Void

    /// The largest body accepted (1 MiB); GHL's contact events are a few kilobytes.
    static let maxBody = 1 << 20
    /// How far a GHL `timestamp` may be from now.
    static let freshness: TimeInterval = 300

    /// An answer: status and a short JSON body (never an echo of what was sent).
    struct Answer: Sendable, Equatable {
        var status: Int
        var message: String
        var outcome: ServeMetrics.WebhookOutcome
    }

    /// Answers a GHL delivery of `body` (nil: larger than `maxBody`).
    func ghl(body: Data?, ghlSignature: String?, whSignature: String?) async -> Answer {
        let answer = await ghlAnswer(body: body, ghlSignature: ghlSignature, whSignature: whSignature)
        metrics.webhook(source: "ghl", answer.outcome)
        if answer.status >= 400 { logger.notice("GHL webhook refused", metadata: ["status": "\(answer.status)", "why": "\(answer.message)"]) }
        return answer
    }

    private func ghlAnswer(body: Data?, ghlSignature: String?, whSignature: String?) async -> Answer {
        guard let body else { return Answer(status: 413, message: "body over 1 MiB", outcome: .tooLarge) }
        switch keys.verify(body: body, ghlSignature: ghlSignature, whSignature: whSignature) {
        case .valid: break
        case .missing: return Answer(status: 401, message: "no x-ghl-signature or x-wh-signature header", outcome: .rejectedSignature)
        case .invalid: return Answer(status: 401, message: "the signature matches no trusted key", outcome: .rejectedSignature)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return Answer(status: 400, message: "the body is not a JSON object", outcome: .malformed)
        }
        guard let stamp = object["timestamp"] as? String, let sent = Timestamp.parse(stamp),
            abs(sent.timeIntervalSince(now())) <= Self.freshness
        else {
            return Answer(status: 401, message: "timestamp missing or more than 5 minutes from now", outcome: .rejectedStale)
        }
        guard let webhookId = object["webhookId"] as? String, !webhookId.isEmpty else {
            return Answer(status: 400, message: "no webhookId", outcome: .malformed)
        }
        return await store(InboxEvent(id: "ghl:\(webhookId)", source: "ghl", payload: String(decoding: body, as: UTF8.self)))
    }

    /// Answers a Fulcrum delivery to `/webhooks/fulcrum/{secret}`.
    func fulcrum(secret: String, body: Data?) async -> Answer {
        let answer = await fulcrumAnswer(secret: secret, body: body)
        metrics.webhook(source: "fulcrum", answer.outcome)
        if answer.status >= 400 { logger.notice("Fulcrum webhook refused", metadata: ["status": "\(answer.status)", "why": "\(answer.message)"]) }
        return answer
    }

    private func fulcrumAnswer(secret: String, body: Data?) async -> Answer {
        guard let expected = fulcrumSecret, Self.sameSecret(secret, expected) else {
            return Answer(status: 404, message: "not found", outcome: .rejectedSecret)
        }
        guard let body else { return Answer(status: 413, message: "body over 1 MiB", outcome: .tooLarge) }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let id = object["id"] as? String, !id.isEmpty
        else {
            return Answer(status: 400, message: "the body is not a Fulcrum event (a JSON object with an id)", outcome: .malformed)
        }
        return await store(InboxEvent(id: "fulcrum:\(id)", source: "fulcrum", payload: String(decoding: body, as: UTF8.self)))
    }

    /// Commits the event, then answers; a failure to store asks the sender to retry later
    /// (GHL retries only on 429).
    private func store(_ event: InboxEvent) async -> Answer {
        do {
            let new = try await store.insertInboxEvent(event)
            guard new else { return Answer(status: 200, message: "duplicate", outcome: .duplicate) }
            await wake()
            return Answer(status: 200, message: "accepted", outcome: .accepted)
        } catch {
            logger.error("cannot store a webhook event", metadata: ["event": "\(event.id)", "error": "\(error)"])
            return Answer(status: 429, message: "cannot store the event now; retry later", outcome: .storeFailed)
        }
    }

    /// Compares secrets in time that does not depend on where they differ (both are hashed
    /// first, and digests compare in constant time).
    static func sameSecret(_ given: String, _ expected: String) -> Bool {
        SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }
}
