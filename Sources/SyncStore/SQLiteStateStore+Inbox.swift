import Foundation
import GRDB

extension SQLiteStateStore {
    /// Stores a webhook event unless one with the same id was already stored.
    ///
    /// - Returns: `true` when the event is new, `false` for a redelivery (nothing written).
    @discardableResult
    public func insertInboxEvent(_ event: InboxEvent) async throws -> Bool {
        try await transaction { tx in
            try tx.db.execute(
                sql: "INSERT INTO webhook_inbox (event_id, source, received_at, payload) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                arguments: [event.id, event.source, tx.now, event.payload])
            return tx.db.changesCount == 1
        }
    }

    /// Marks an event processed (after the re-read it triggered was applied).
    public func markInboxEventProcessed(id: String) async throws {
        try await transaction { try $0.markInboxEventProcessed(id: id) }
    }

    /// Marks events processed, in one transaction.
    public func markInboxEventsProcessed(ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        try await transaction { tx in for id in ids { try tx.markInboxEventProcessed(id: id) } }
    }

    /// Events waiting to be worked, oldest first: not processed, not parked, and due (a failed
    /// event waits until its `next_attempt_at`). With no `due` time, every waiting event.
    public func pendingInboxEvents(due: Date? = nil, limit: Int = 1000) async throws -> [InboxEvent] {
        try await read("read pending webhook events") { db in
            var sql = "SELECT \(InboxEvent.columns) FROM webhook_inbox WHERE processed_at IS NULL AND parked_at IS NULL"
            var arguments: StatementArguments = []
            if let due {
                sql += " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                arguments += [due]
            }
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql + " ORDER BY received_at, event_id LIMIT ?", arguments: arguments)
                .map(InboxEvent.init(row:))
        }
    }

    /// Records a failed try of each event: the next try waits `backoff(attempts)`; an event
    /// that has had `maxAttempts` tries is parked instead, with `error`, for a person.
    ///
    /// - Returns: the ids parked now.
    ///
    /// With `park` false (the API was down, the state file locked by a long run: nothing about
    /// the event itself), the event waits with the same backoff but is never parked.
    @discardableResult
    public func deferInboxEvents(
        ids: [String], error: String, maxAttempts: Int, park: Bool = true, backoff: @escaping @Sendable (Int) -> Duration
    ) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await transaction { tx in
            var parked: [String] = []
            for id in ids {
                guard let attempts = try Int.fetchOne(
                    tx.db, sql: "SELECT attempts FROM webhook_inbox WHERE event_id = ? AND processed_at IS NULL", arguments: [id])
                else { continue }
                let tries = attempts + 1
                if park, tries >= maxAttempts {
                    try tx.db.execute(
                        sql: "UPDATE webhook_inbox SET attempts = ?, parked_at = ?, last_error = ? WHERE event_id = ?",
                        arguments: [tries, tx.now, error, id])
                    parked.append(id)
                } else {
                    let wait = backoff(tries)
                    let next = tx.now.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
                    try tx.db.execute(
                        sql: "UPDATE webhook_inbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE event_id = ?",
                        arguments: [tries, next, error, id])
                }
            }
            return parked
        }
    }

    /// Forgets events processed before `date` (their payloads are no use once worked, and GHL's
    /// replays of them are refused as stale anyway); returns how many.
    @discardableResult
    public func pruneInboxEvents(processedBefore date: Date) async throws -> Int {
        try await transaction { tx in
            try tx.db.execute(sql: "DELETE FROM webhook_inbox WHERE processed_at IS NOT NULL AND processed_at < ?", arguments: [date])
            return tx.db.changesCount
        }
    }

    /// Which of `ids` are still waiting (not processed).
    public func unprocessedInboxIds(among ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await read("read webhook events") { db in
            var waiting: [String] = []
            try Self.inChunks(ids) { marks, arguments in
                waiting += try String.fetchAll(
                    db, sql: "SELECT event_id FROM webhook_inbox WHERE processed_at IS NULL AND event_id IN (\(marks))",
                    arguments: arguments)
            }
            return waiting
        }
    }

    /// Events that gave up after their last try, oldest first (`fgsync status` lists them).
    public func parkedInboxEvents(limit: Int = 100) async throws -> [InboxEvent] {
        try await read("read parked webhook events") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(InboxEvent.columns) FROM webhook_inbox WHERE parked_at IS NOT NULL AND processed_at IS NULL ORDER BY parked_at, event_id LIMIT ?",
                arguments: [limit]
            ).map(InboxEvent.init(row:))
        }
    }

    /// How many events wait (not processed, not parked), and how many are parked.
    public func inboxDepth() async throws -> (waiting: Int, parked: Int) {
        try await read("count webhook events") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL)
                    FROM webhook_inbox WHERE processed_at IS NULL
                    """)
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }
}

extension StoreTransaction {
    /// Marks an event processed, in the same transaction as what it triggered.
    public func markInboxEventProcessed(id: String) throws {
        try db.execute(
            sql: "UPDATE webhook_inbox SET processed_at = ? WHERE event_id = ? AND processed_at IS NULL",
            arguments: [now, id])
    }
}
