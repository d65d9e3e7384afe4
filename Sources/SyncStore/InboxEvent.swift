import Foundation
import GRDB

/// A webhook delivery kept in the inbox until processed.
///
/// Events are hints to re-read a record, never the truth; storing them first and deduplicating
/// by event id makes redelivery harmless.
public struct InboxEvent: Sendable, Hashable {
    /// The provider's event id (GHL `webhookId`, Fulcrum event id, ...): the dedupe key.
    public var id: String
    /// Who sent it: `ghl` or `fulcrum`.
    public var source: String
    /// The delivery body as received (JSON text). Never holds tokens: webhooks carry none.
    public var payload: String
    /// When it was stored (set when read back).
    public var receivedAt: Date?
    /// When it was processed; `nil` while waiting.
    public var processedAt: Date?
    /// Tries that failed so far (set when read back).
    public var attempts = 0
    /// When it gave up after its last try; `nil` unless parked.
    public var parkedAt: Date?
    /// Why its last try failed.
    public var lastError: String?

    /// Creates an event to store.
    public init(id: String, source: String, payload: String, receivedAt: Date? = nil, processedAt: Date? = nil) {
        self.id = id
        self.source = source
        self.payload = payload
        self.receivedAt = receivedAt
        self.processedAt = processedAt
    }

    /// The columns `init(row:)` reads, for SELECT lists.
    static let columns = "event_id, source, payload, received_at, processed_at, attempts, parked_at, last_error"

    /// Reads a row selected with `columns`.
    init(row: Row) {
        self.init(
            id: row["event_id"], source: row["source"], payload: row["payload"], receivedAt: row["received_at"],
            processedAt: row["processed_at"])
        attempts = row["attempts"] ?? 0
        parkedAt = row["parked_at"]
        lastError = row["last_error"]
    }
}
