import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Records writes as `pending` before they are sent, numbered after the run's last entry.
    public func appendJournal(runId: Int64, operations: [SyncCore.Operation]) async throws -> [JournalEntry] {
        try await transaction { try $0.appendJournal(runId: runId, operations: operations) }
    }

    /// Marks a write done and, in the same transaction, advances the pair's base and mirrors and
    /// appends audit entries: either all of it is recorded or none of it. With
    /// `releasingDeletedPartners`, a recorded base first releases links to partners gone from
    /// their mirror (`releaseLinksToDeletedPartners`, modify beats delete), in that transaction too.
    ///
    /// This is Unison's invariant: the base only ever records writes that completed.
    public func completeJournal(
        _ id: Int64, response: String?, base: BaseAdvance = .keep, mirror: [MirrorChange] = [],
        audit: [AuditEntry] = [], releasingDeletedPartners: Bool = false
    ) async throws {
        try await transaction { tx in
            let entry = try tx.markJournalDone(id, response: response)
            try tx.appendAudit(audit, runId: entry.runId)
            for change in mirror {
                switch change {
                case .upsert(let side, let record): try tx.upsertMirror(side, [record])
                case .remove(let side, let recordId):
                    try tx.removeMirror(side, ids: [recordId], runId: entry.runId, reason: "deleted by fgsync")
                }
            }
            switch base {
            case .keep: break
            case .record(let pair):
                if releasingDeletedPartners { try tx.releaseLinksToDeletedPartners(of: pair) }
                try tx.recordBase(pair)
            case .remove(let fulcrumId): try tx.removeBase(fulcrumId: fulcrumId)
            }
        }
    }

    /// Marks a pending write failed, with the reason.
    public func failJournal(_ id: Int64, error: String) async throws {
        _ = try await transaction { try $0.failJournal(id, error: error) }
    }

    /// Every write whose outcome is unknown (still `pending`), oldest first: after a crash,
    /// these are checked against the target before anything is retried.
    public func pendingJournal() async throws -> [JournalEntry] {
        try await read("read pending journal entries") { db in
            try JournalRow.fetchAll(db, sql: "SELECT * FROM journal WHERE state = 'pending' ORDER BY id").map { try $0.entry() }
        }
    }

    /// A run's journal, in order.
    public func journal(runId: Int64) async throws -> [JournalEntry] {
        try await read("read the journal of run \(runId)") { db in
            try JournalRow.fetchAll(db, sql: "SELECT * FROM journal WHERE run_id = ? ORDER BY seq", arguments: [runId])
                .map { try $0.entry() }
        }
    }
}

extension StoreTransaction {
    /// Records writes as `pending`, numbered after the run's last entry.
    public func appendJournal(runId: Int64, operations: [SyncCore.Operation]) throws -> [JournalEntry] {
        var seq = try Int.fetchOne(
            db, sql: "SELECT coalesce(max(seq), 0) FROM journal WHERE run_id = ?", arguments: [runId]) ?? 0
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO journal (run_id, seq, fulcrum_id, contact_id, side, kind, payload, state, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                """)
        let now = self.now
        var entries: [JournalEntry] = []
        for operation in operations {
            seq += 1
            try statement.execute(arguments: [
                runId, seq, operation.fulcrumId, operation.contactId, operation.side.rawValue,
                operation.kind.rawValue, try ValueJSON.encode(operation), now, now,
            ])
            entries.append(JournalEntry(
                id: db.lastInsertedRowID, runId: runId, seq: seq, operation: operation, state: .pending,
                response: nil, error: nil, createdAt: now, updatedAt: now))
        }
        return entries
    }

    /// Marks a pending write done with the server's answer and returns the entry.
    ///
    /// - Throws: `StoreError.Code.journalEntryNotFound` when the entry does not exist or is not pending.
    @discardableResult
    public func markJournalDone(_ id: Int64, response: String?) throws -> JournalEntry {
        try settle(id, state: .done, response: response, error: nil)
    }

    /// Marks a pending write failed with the reason and returns the entry.
    @discardableResult
    public func failJournal(_ id: Int64, error: String) throws -> JournalEntry {
        try settle(id, state: .failed, response: nil, error: error)
    }

    func settle(_ id: Int64, state: JournalEntry.State, response: String?, error: String?) throws -> JournalEntry {
        try db.execute(
            sql: "UPDATE journal SET state = ?, response = ?, error = ?, updated_at = ? WHERE id = ? AND state = 'pending'",
            arguments: [state.rawValue, response, error, now, id])
        guard db.changesCount == 1,
            let row = try JournalRow.fetchOne(db, sql: "SELECT * FROM journal WHERE id = ?", arguments: [id])
        else {
            throw StoreError(
                .journalEntryNotFound,
                "Journal entry \(id) in \(path) does not exist or is no longer pending, so it cannot be marked \(state.rawValue). "
                    + "Read pendingJournal() for the writes still open.",
                path: path)
        }
        return try row.entry()
    }
}

extension SQLiteStateStore {
    /// Whether fgsync finished a write to `side`'s record `id` at or after `since`: an event
    /// about that record that carries nothing new is our own write coming back (an echo).
    public func wroteRecently(_ side: Side, id: String, since: Date) async throws -> Bool {
        try await read("look up recent writes to \(id)") { db in
            let column = side == .ghl ? "contact_id" : "fulcrum_id"
            return try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM journal WHERE \(column) = ? AND side = ? AND state = 'done' AND updated_at >= ?)",
                arguments: [id, side.rawValue, since]) ?? false
        }
    }
}
