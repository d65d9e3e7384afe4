import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Stores a GHL contact's children as listed.
    public func saveGHLChildren(contactId: String, _ row: ChildListingRow) async throws {
        let text = String(decoding: row.items, as: UTF8.self)
        try await write("store the children of GHL contact \(contactId)") { tx in
            try await tx.execute(
                """
                INSERT INTO ghl_children (contact_id, items, listed_run, fulcrum_id, fulcrum_version, ghl_updated)
                VALUES (\(contactId), \(text), \(row.runId), \(row.fulcrumId), \(row.fulcrumVersion), \(row.ghlUpdated))
                ON CONFLICT (contact_id) DO UPDATE SET items = excluded.items, listed_run = excluded.listed_run,
                    fulcrum_id = excluded.fulcrum_id, fulcrum_version = excluded.fulcrum_version, ghl_updated = excluded.ghl_updated
                """)
        }
    }

    /// A GHL contact's last children listing, if any.
    public func ghlChildren(contactId: String) async throws -> ChildListingRow? {
        try await read("read the children of GHL contact \(contactId)") { tx in
            guard let row = try await tx.rows(
                "SELECT items, listed_run, fulcrum_id, fulcrum_version, ghl_updated FROM ghl_children WHERE contact_id = \(contactId)"
            ).first
            else { return nil }
            let (items, run, fulcrumId, version, updated) = try row.decode((String, Int64, String?, Int?, String?).self)
            return ChildListingRow(items: Data(items.utf8), runId: run, fulcrumId: fulcrumId, fulcrumVersion: version, ghlUpdated: updated)
        }
    }

    /// The mirrored Fulcrum record's `version` (its column; the raw JSON is not read).
    public func fulcrumVersion(id: String) async throws -> Int? {
        try await read("read the version of Fulcrum record \(id)") { tx in
            try await tx.value("SELECT version FROM fulcrum_records WHERE id = \(id)", as: Int.self)
        }
    }

    /// The mirrored versions of Fulcrum records, by id (a record not mirrored, or without a version, is absent).
    public func fulcrumVersions(ids: some Collection<String>) async throws -> [String: Int] {
        let ids = Array(ids)
        return try await read("read the versions of \(ids.count) Fulcrum records") { tx in
            var versions: [String: Int] = [:]
            for row in try await tx.rows("SELECT id, version FROM fulcrum_records WHERE version IS NOT NULL AND id = ANY(\(ids))") {
                let (id, version) = try row.decode((String, Int).self)
                versions[id] = version
            }
            return versions
        }
    }

    /// The listing marks of contacts, by contact id, each with whether its run settled.
    public func childListingMarks(contactIds: some Collection<String>) async throws -> [String: ChildListingMark] {
        let ids = Array(contactIds)
        return try await read("read the children listings of \(ids.count) contacts") { tx in
            var marks: [String: ChildListingMark] = [:]
            for row in try await tx.rows(
                """
                SELECT c.contact_id, c.listed_run, c.fulcrum_id, c.fulcrum_version, c.ghl_updated, r.outcome
                FROM ghl_children c LEFT JOIN runs r ON r.id = c.listed_run
                WHERE c.contact_id = ANY(\(ids))
                """)
            {
                let (contact, run, fulcrumId, version, updated, outcome) = try row.decode((String, Int64, String?, Int?, String?, String?).self)
                marks[contact] = ChildListingMark(
                    runId: run, fulcrumId: fulcrumId, fulcrumVersion: version, ghlUpdated: updated,
                    settled: outcome == "ok" || outcome == "failed")
            }
            return marks
        }
    }

    /// Forgets a contact's listing, so the next run lists its children again.
    public func forgetGHLChildren(contactId: String) async throws {
        try await write("forget the children of GHL contact \(contactId)") { tx in
            try await tx.execute("DELETE FROM ghl_children WHERE contact_id = \(contactId)")
        }
    }

    /// The agreed children of the pair of Fulcrum record `fulcrumId` (empty when none were agreed).
    public func childBase(fulcrumId: String) async throws -> [ChildBase] {
        try await read("read the children base of Fulcrum record \(fulcrumId)") { tx in
            try await tx.childBase(fulcrumId: fulcrumId)
        }
    }

    /// Marks a GHL child create done and records the created child as agreed, in one transaction.
    public func completeChildCreate(_ journalId: Int64, response: String?, fulcrumId: String, contactId: String, child: ChildBase) async throws {
        try await write("complete journal entry \(journalId)") { tx in
            _ = try await tx.markJournalDone(journalId, response: response)
            var children = try await tx.childBase(fulcrumId: fulcrumId)
            children.removeAll { $0.kind == child.kind && ($0.fulcrumItemId == child.fulcrumItemId || $0.ghlId == child.ghlId) }
            children.append(child)
            try await tx.saveChildBase(fulcrumId: fulcrumId, contactId: contactId, children: children)
        }
    }

    /// Records the agreed children of a pair, marking `journal` entries done and storing the
    /// Fulcrum record the child write answered with, all in one transaction.
    public func completeChildren(
        fulcrumId: String, contactId: String, children: [ChildBase], journal: [Int64], fulcrumRecord: MirrorRecord?
    ) async throws {
        try await write("record the children of Fulcrum record \(fulcrumId)") { tx in
            for id in journal { _ = try await tx.markJournalDone(id, response: nil) }
            if let fulcrumRecord { try await tx.upsertMirror(.fulcrum, [fulcrumRecord]) }
            try await tx.saveChildBase(fulcrumId: fulcrumId, contactId: contactId, children: children)
        }
    }
}

extension PostgresTransaction {
    func childBase(fulcrumId: String) async throws -> [ChildBase] {
        guard let text = try await value("SELECT children FROM child_base WHERE fulcrum_id = \(fulcrumId)", as: String.self)
        else { return [] }
        return try JSONDecoder().decode([ChildBase].self, from: Data(text.utf8))
    }

    func saveChildBase(fulcrumId: String, contactId: String, children: [ChildBase]) async throws {
        let text = String(decoding: try JSONEncoder().encode(children), as: UTF8.self)
        try await execute(
            """
            INSERT INTO child_base (fulcrum_id, contact_id, children, updated_at) VALUES (\(fulcrumId), \(contactId), \(text), \(now))
            ON CONFLICT (fulcrum_id) DO UPDATE SET contact_id = excluded.contact_id, children = excluded.children,
                updated_at = excluded.updated_at
            """)
    }
}
