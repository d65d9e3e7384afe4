import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Records writes as `pending` before they are sent, numbered after the run's last entry.
    public func appendJournal(runId: Int64, operations: [SyncCore.Operation]) async throws -> [JournalEntry] {
        try await write("journal \(operations.count) writes of run \(runId)") { tx in
            try await tx.appendJournal(runId: runId, operations: operations)
        }
    }

    /// Marks a write done and, in the same transaction, advances the pair's base and mirrors and
    /// appends audit entries: either all of it is recorded or none of it.
    public func completeJournal(
        _ id: Int64, response: String?, base: BaseAdvance, mirror: [MirrorChange], audit: [AuditEntry], releasingDeletedPartners: Bool
    ) async throws {
        try await write("complete journal entry \(id)") { tx in
            let entry = try await tx.markJournalDone(id, response: response)
            try await tx.appendAudit(audit, runId: entry.runId)
            for change in mirror {
                switch change {
                case .upsert(let side, let record): try await tx.upsertMirror(side, [record])
                case .remove(let side, let recordId):
                    try await tx.removeMirror(side, ids: [recordId], runId: entry.runId, reason: "deleted by fgsync")
                }
            }
            switch base {
            case .keep: break
            case .record(let pair):
                if releasingDeletedPartners { try await tx.releaseLinksToDeletedPartners(of: pair) }
                try await tx.recordBase(pair)
            case .remove(let fulcrumId): try await tx.removeBase(fulcrumId: fulcrumId)
            }
        }
    }

    /// Marks a pending write failed, with the reason.
    public func failJournal(_ id: Int64, error: String) async throws {
        try await write("fail journal entry \(id)") { tx in
            _ = try await tx.settle(id, state: .failed, response: nil, error: error)
        }
    }

    /// Every write still `pending`, oldest first.
    public func pendingJournal() async throws -> [JournalEntry] {
        try await read("read pending journal entries") { tx in
            try await tx.rows("SELECT \(unescaped: Self.journalColumns) FROM journal WHERE state = 'pending' ORDER BY id")
                .map(Self.journalEntry)
        }
    }

    /// A run's journal, in order.
    public func journal(runId: Int64) async throws -> [JournalEntry] {
        try await read("read the journal of run \(runId)") { tx in
            try await tx.rows("SELECT \(unescaped: Self.journalColumns) FROM journal WHERE run_id = \(runId) ORDER BY seq")
                .map(Self.journalEntry)
        }
    }

    /// Whether fgsync finished a write to `side`'s record `id` at or after `since` (an echo).
    public func wroteRecently(_ side: Side, id: String, since: Date) async throws -> Bool {
        try await read("look up recent writes to \(id)") { tx in
            let column = side == .ghl ? "contact_id" : "fulcrum_id"
            return try await tx.value(
                """
                SELECT EXISTS (SELECT 1 FROM journal WHERE \(unescaped: column) = \(id) AND side = \(side.rawValue)
                    AND state = 'done' AND updated_at >= \(since))
                """, as: Bool.self) ?? false
        }
    }

    static let journalColumns = "id, run_id, seq, payload, state, response, error, created_at, updated_at"

    /// Decodes a row selected with `journalColumns`.
    static func journalEntry(_ row: PostgresRow) throws -> JournalEntry {
        let (id, runId, seq, payload, state, response, error, createdAt, updatedAt) = try row.decode(
            (Int64, Int64, Int, String, String, String?, String?, Date, Date).self)
        return JournalEntry(
            id: id, runId: runId, seq: seq,
            operation: try JSONDecoder().decode(SyncCore.Operation.self, from: Data(payload.utf8)),
            state: JournalEntry.State(rawValue: state) ?? .pending, response: response, error: error,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension PostgresTransaction {
    /// Records writes as `pending`, numbered after the run's last entry.
    func appendJournal(runId: Int64, operations: [SyncCore.Operation]) async throws -> [JournalEntry] {
        var seq = try await value("SELECT coalesce(max(seq), 0) FROM journal WHERE run_id = \(runId)", as: Int.self) ?? 0
        let now = self.now
        var entries: [JournalEntry] = []
        for operation in operations {
            seq += 1
            let id = try await value(
                """
                INSERT INTO journal (run_id, seq, fulcrum_id, contact_id, side, kind, payload, state, created_at, updated_at)
                VALUES (\(runId), \(seq), \(operation.fulcrumId), \(operation.contactId), \(operation.side.rawValue),
                    \(operation.kind.rawValue), \(try ValueJSON.encode(operation) ?? "null"), 'pending', \(now), \(now))
                RETURNING id
                """, as: Int64.self) ?? 0
            entries.append(JournalEntry(
                id: id, runId: runId, seq: seq, operation: operation, state: .pending,
                response: nil, error: nil, createdAt: now, updatedAt: now))
        }
        return entries
    }

    /// Marks a pending write done with the server's answer and returns the entry.
    @discardableResult
    func markJournalDone(_ id: Int64, response: String?) async throws -> JournalEntry {
        try await settle(id, state: .done, response: response, error: nil)
    }

    func settle(_ id: Int64, state: JournalEntry.State, response: String?, error: String?) async throws -> JournalEntry {
        guard let row = try await rows(
            """
            UPDATE journal SET state = \(state.rawValue), response = \(response), error = \(error), updated_at = \(now)
            WHERE id = \(id) AND state = 'pending' RETURNING \(unescaped: PostgresStateStore.journalColumns)
            """).first
        else {
            throw StoreError(
                .journalEntryNotFound,
                "Journal entry \(id) in \(location) does not exist or is no longer pending, so it cannot be marked \(state.rawValue). "
                    + "Read pendingJournal() for the writes still open.",
                path: location)
        }
        return try PostgresStateStore.journalEntry(row)
    }
}
