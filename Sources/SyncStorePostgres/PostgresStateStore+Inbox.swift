import Foundation
import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// Stores a webhook event unless one with the same id was already stored; `true` when new.
    @discardableResult
    public func insertInboxEvent(_ event: InboxEvent) async throws -> Bool {
        try await write("store webhook event \(event.id)") { tx in
            try await tx.changes(
                """
                INSERT INTO webhook_inbox (event_id, source, received_at, payload) VALUES (\(event.id), \(event.source), \(tx.now), \(event.payload))
                ON CONFLICT (event_id) DO NOTHING RETURNING 1
                """) == 1
        }
    }

    /// Marks an event processed.
    public func markInboxEventProcessed(id: String) async throws {
        try await markInboxEventsProcessed(ids: [id])
    }

    /// Marks events processed, in one transaction.
    public func markInboxEventsProcessed(ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        try await write("mark \(ids.count) webhook events processed") { tx in
            try await tx.execute("UPDATE webhook_inbox SET processed_at = \(tx.now) WHERE event_id = ANY(\(ids)) AND processed_at IS NULL")
        }
    }

    /// Events waiting to be worked, oldest first: not processed, not parked, and due.
    public func pendingInboxEvents(due: Date?, limit: Int) async throws -> [InboxEvent] {
        try await read("read pending webhook events") { tx in
            if let due {
                return try await tx.rows(
                    """
                    SELECT \(unescaped: Self.inboxColumns) FROM webhook_inbox WHERE processed_at IS NULL AND parked_at IS NULL
                        AND (next_attempt_at IS NULL OR next_attempt_at <= \(due))
                    ORDER BY received_at, event_id LIMIT \(limit)
                    """
                ).map(Self.inboxEvent)
            }
            return try await tx.rows(
                """
                SELECT \(unescaped: Self.inboxColumns) FROM webhook_inbox WHERE processed_at IS NULL AND parked_at IS NULL
                ORDER BY received_at, event_id LIMIT \(limit)
                """
            ).map(Self.inboxEvent)
        }
    }

    /// Records a failed try of each event: the next waits `backoff(attempts)`; one that has had
    /// `maxAttempts` tries is parked (unless `park` is false). Returns the ids parked now.
    @discardableResult
    public func deferInboxEvents(
        ids: [String], error: String, maxAttempts: Int, park: Bool, backoff: @escaping @Sendable (Int) -> Duration
    ) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await write("defer \(ids.count) webhook events") { tx in
            var parked: [String] = []
            for id in ids {
                guard let attempts = try await tx.value(
                    "SELECT attempts FROM webhook_inbox WHERE event_id = \(id) AND processed_at IS NULL FOR UPDATE", as: Int.self)
                else { continue }
                let tries = attempts + 1
                if park, tries >= maxAttempts {
                    try await tx.execute(
                        "UPDATE webhook_inbox SET attempts = \(tries), parked_at = \(tx.now), last_error = \(error) WHERE event_id = \(id)")
                    parked.append(id)
                } else {
                    let wait = backoff(tries)
                    let next = tx.now.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
                    try await tx.execute(
                        "UPDATE webhook_inbox SET attempts = \(tries), next_attempt_at = \(next), last_error = \(error) WHERE event_id = \(id)")
                }
            }
            return parked
        }
    }

    /// Forgets events processed before `date`; returns how many.
    @discardableResult
    public func pruneInboxEvents(processedBefore date: Date) async throws -> Int {
        try await write("prune webhook events") { tx in
            try await tx.changes("DELETE FROM webhook_inbox WHERE processed_at IS NOT NULL AND processed_at < \(date) RETURNING 1")
        }
    }

    /// Which of `ids` are still waiting (not processed).
    public func unprocessedInboxIds(among ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await read("read webhook events") { tx in
            try await tx.rows("SELECT event_id FROM webhook_inbox WHERE processed_at IS NULL AND event_id = ANY(\(ids))")
                .map { try $0.decode(String.self) }
        }
    }

    /// Events that gave up after their last try, oldest first.
    public func parkedInboxEvents(limit: Int) async throws -> [InboxEvent] {
        try await read("read parked webhook events") { tx in
            try await tx.rows(
                """
                SELECT \(unescaped: Self.inboxColumns) FROM webhook_inbox WHERE parked_at IS NOT NULL AND processed_at IS NULL
                ORDER BY parked_at, event_id LIMIT \(limit)
                """
            ).map(Self.inboxEvent)
        }
    }

    /// How many events wait (not processed, not parked), and how many are parked.
    public func inboxDepth() async throws -> (waiting: Int, parked: Int) {
        try await read("count webhook events") { tx in
            let row = try await tx.rows(
                """
                SELECT count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL)
                FROM webhook_inbox WHERE processed_at IS NULL
                """
            ).first?.decode((Int, Int).self)
            return (row?.0 ?? 0, row?.1 ?? 0)
        }
    }

    /// Every stored event from `source` whose payload's top-level `id` is `recordId`, oldest first.
    public func inboxEvents(source: String, recordId: String) async throws -> [InboxEvent] {
        try await read("read the webhook events of \(recordId)") { tx in
            try await tx.rows(
                """
                SELECT \(unescaped: Self.inboxColumns) FROM webhook_inbox
                WHERE source = \(source) AND payload_id(payload) = \(recordId)
                ORDER BY received_at, event_id
                """
            ).map(Self.inboxEvent)
        }
    }

    /// When the newest webhook event from `source` reached the inbox, or `nil`.
    public func lastInboxReceivedAt(source: String) async throws -> Date? {
        try await read("read the newest webhook event") { tx in
            try await tx.value("SELECT max(received_at) FROM webhook_inbox WHERE source = \(source)", as: Date.self)
        }
    }

    static let inboxColumns = "event_id, source, payload, received_at, processed_at, attempts, parked_at, last_error"

    /// Decodes a row selected with `inboxColumns`.
    static func inboxEvent(_ row: PostgresRow) throws -> InboxEvent {
        let (id, source, payload, receivedAt, processedAt, attempts, parkedAt, lastError) = try row.decode(
            (String, String, String, Date?, Date?, Int, Date?, String?).self)
        var event = InboxEvent(id: id, source: source, payload: payload, receivedAt: receivedAt, processedAt: processedAt)
        event.attempts = attempts
        event.parkedAt = parkedAt
        event.lastError = lastError
        return event
    }
}
