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
///
/// One endpoint serves every sync: a GHL event goes to the sync of its `locationId`, a Fulcrum
/// event to the sync of its record's `form_id` (`WebhookRouting`); an event for no configured
/// sync is answered 200 and counted ignored. With one sync, every event goes to it, as always.
struct WebhookReceiver: Sendable {
    let syncs: [ServedSync]
    let keys: WebhookKeys
    /// The secret path segments Fulcrum's webhook URL may carry (one per configured variable);
    /// empty: Fulcrum webhooks are off.
    let fulcrumSecrets: [String]
    /// Counts what no sync owns (refused and ignored deliveries).
    let metrics: ServeMetrics
    let logger: Logger
    let now: @Sendable () -> Date
    /// Where GHL's `INSTALL` / `UNINSTALL` app events go (the install flow).
    let appEvents: @Sendable (AppInstallEvent) async -> Void
    /// Configured syncs serve could not start (their state file does not open): their events
    /// are answered 429 so the sender retries, instead of being dropped as for no sync.
    var unavailable: [SyncSet.Entry] = []

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
        let (answer, sync) = await ghlAnswer(body: body, ghlSignature: ghlSignature, whSignature: whSignature)
        (sync?.metrics ?? metrics).webhook(source: "ghl", answer.outcome)
        if answer.status >= 400 { logger.notice("GHL webhook refused", metadata: ["status": "\(answer.status)", "why": "\(answer.message)"]) }
        return answer
    }

    private func ghlAnswer(body: Data?, ghlSignature: String?, whSignature: String?) async -> (Answer, ServedSync?) {
        guard let body else { return (Answer(status: 413, message: "body over 1 MiB", outcome: .tooLarge), nil) }
        switch keys.verify(body: body, ghlSignature: ghlSignature, whSignature: whSignature) {
        case .valid: break
        case .missing: return (Answer(status: 401, message: "no x-ghl-signature or x-wh-signature header", outcome: .rejectedSignature), nil)
        case .invalid where ghlSignature != nil && whSignature == nil && keys.ed25519.isEmpty:
            let message = "x-ghl-signature (Ed25519) was sent but no ed25519 key is configured in ghl.webhook_public_keys"
            return (Answer(status: 401, message: message, outcome: .rejectedSignature), nil)
        case .invalid: return (Answer(status: 401, message: "the signature matches no trusted key", outcome: .rejectedSignature), nil)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return (Answer(status: 400, message: "the body is not a JSON object", outcome: .malformed), nil)
        }
        guard let stamp = object["timestamp"] as? String, let sent = Timestamp.parse(stamp),
            abs(sent.timeIntervalSince(now())) <= Self.freshness
        else {
            return (Answer(status: 401, message: "timestamp missing or more than 5 minutes from now", outcome: .rejectedStale), nil)
        }
        guard let webhookId = object["webhookId"] as? String, !webhookId.isEmpty else {
            return (Answer(status: 400, message: "no webhookId", outcome: .malformed), nil)
        }
        let location = object["locationId"] as? String
        let sync = route { $0.config.ghl.id == location }
        if let type = object["type"] as? String, let app = AppInstallEvent(type: type, object: object, webhookId: webhookId, sync: sync?.name) {
            return (await appEvent(app, sync: sync), sync)
        }
        guard let sync else {
            if let down = unavailable.first(where: { $0.config.ghl.id == location }) { return (self.down(down), nil) }
            return (ignored("GHL", "location", location), nil)
        }
        return (await store(InboxEvent(id: "ghl:\(webhookId)", source: "ghl", payload: String(decoding: body, as: UTF8.self)), in: sync), sync)
    }

    /// The sync an event belongs to: the only one when one is served (its worker sorts out
    /// events for another form or location, as always), else the one `matches` picks.
    func route(_ matches: (ServedSync) -> Bool) -> ServedSync? {
        syncs.count == 1 ? syncs.first : syncs.first(where: matches)
    }

    /// Answers an event for a configured sync that is not running: retry later.
    private func down(_ entry: SyncSet.Entry) -> Answer {
        Answer(status: 429, message: "sync \(entry.name) cannot store events now; retry later", outcome: .storeFailed)
    }

    /// Answers an event for no configured sync: 200 (so the sender stops retrying), counted and
    /// logged at debug naming the location or form (ids, never a secret).
    private func ignored(_ side: String, _ what: String, _ id: String?) -> Answer {
        logger.debug(
            "webhook for no configured sync ignored",
            metadata: ["source": "\(side)", "\(what)": "\(TextEscaping.escape(id ?? "(none)"))"])
        return Answer(status: 200, message: "ignored: no sync for this \(what)", outcome: .ignored)
    }

    /// Answers a Fulcrum delivery to `/webhooks/fulcrum/{secret}`.
    func fulcrum(secret: String, body: Data?) async -> Answer {
        let (answer, sync) = await fulcrumAnswer(secret: secret, body: body)
        (sync?.metrics ?? metrics).webhook(source: "fulcrum", answer.outcome)
        if answer.status >= 400 { logger.notice("Fulcrum webhook refused", metadata: ["status": "\(answer.status)", "why": "\(answer.message)"]) }
        return answer
    }

    private func fulcrumAnswer(secret: String, body: Data?) async -> (Answer, ServedSync?) {
        // Every configured secret is compared, so the time does not tell which matched.
        let matches = fulcrumSecrets.map { Self.sameSecret(secret, $0) }
        guard matches.contains(true) else {
            return (Answer(status: 404, message: "not found", outcome: .rejectedSecret), nil)
        }
        guard let body else { return (Answer(status: 413, message: "body over 1 MiB", outcome: .tooLarge), nil) }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let id = object["id"] as? String, !id.isEmpty
        else {
            return (Answer(status: 400, message: "the body is not a Fulcrum event (a JSON object with an id)", outcome: .malformed), nil)
        }
        let form = (object["data"] as? [String: Any])?["form_id"] as? String
        guard let sync = route({ $0.config.fulcrum.id == form }) else {
            if let down = unavailable.first(where: { $0.config.fulcrum.id == form }) { return (self.down(down), nil) }
            return (ignored("Fulcrum", "form", form), nil)
        }
        return (await store(InboxEvent(id: "fulcrum:\(id)", source: "fulcrum", payload: String(decoding: body, as: UTF8.self)), in: sync), sync)
    }

    /// Commits the event, then answers; a failure to store asks the sender to retry later
    /// (GHL retries only on 429).
    private func store(_ event: InboxEvent, in sync: ServedSync) async -> Answer {
        do {
            let new = try await sync.store.insertInboxEvent(event)
            guard new else { return Answer(status: 200, message: "duplicate", outcome: .duplicate) }
            await sync.wake()
            return Answer(status: 200, message: "accepted", outcome: .accepted)
        } catch {
            logger.error("cannot store a webhook event", metadata: ["sync": "\(sync.name)", "event": "\(event.id)", "error": "\(error)"])
            return Answer(status: 429, message: "cannot store the event now; retry later", outcome: .storeFailed)
        }
    }

    /// Compares secrets in time that does not depend on where they differ (both are hashed
    /// first, and digests compare in constant time).
    static func sameSecret(_ given: String, _ expected: String) -> Bool {
        SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }
}
