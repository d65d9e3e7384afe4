import Foundation
import GRDB
import SyncCore

/// A GHL contact's children listing, with the pair's versions when it was listed.
public struct ChildListingRow: Sendable, Hashable {
    /// The listing body: `{"notes": [...], "tasks": [...], "events": [...]}`.
    public var items: Data
    /// The run that listed it.
    public var runId: Int64
    /// The pair's Fulcrum record id then.
    public var fulcrumId: String?
    /// The Fulcrum record's `version` then.
    public var fulcrumVersion: Int?
    /// The GHL contact's `dateUpdated` then (ISO, milliseconds).
    public var ghlUpdated: String?

    /// Creates a listing row.
    public init(items: Data, runId: Int64, fulcrumId: String?, fulcrumVersion: Int?, ghlUpdated: String?) {
        self.items = items
        self.runId = runId
        self.fulcrumId = fulcrumId
        self.fulcrumVersion = fulcrumVersion
        self.ghlUpdated = ghlUpdated
    }
}

/// When and against what a contact's children were last listed (a listing row without its items).
public struct ChildListingMark: Sendable, Hashable {
    /// The run that listed them.
    public var runId: Int64
    /// The pair's Fulcrum record id then.
    public var fulcrumId: String?
    /// The Fulcrum record's `version` then.
    public var fulcrumVersion: Int?
    /// The GHL contact's `dateUpdated` then (ISO, milliseconds).
    public var ghlUpdated: String?
    /// Whether that run applied what it planned (finished `ok` or `failed`): a killed or
    /// refused run's listing does not count.
    public var settled: Bool

    /// Creates a mark.
    public init(runId: Int64, fulcrumId: String?, fulcrumVersion: Int?, ghlUpdated: String?, settled: Bool) {
        self.runId = runId
        self.fulcrumId = fulcrumId
        self.fulcrumVersion = fulcrumVersion
        self.ghlUpdated = ghlUpdated
        self.settled = settled
    }

    /// Whether the pair moved since this listing: its record's version, its contact's
    /// `dateUpdated` or its partner changed, or the listing's run did not settle.
    public func moved(fulcrumId: String?, version: Int?, ghlUpdated: String?) -> Bool {
        !settled || fulcrumVersion != version || self.ghlUpdated != ghlUpdated || self.fulcrumId != fulcrumId
    }
}

extension SQLiteStateStore {
    /// Stores a GHL contact's children as listed.
    public func saveGHLChildren(contactId: String, _ row: ChildListingRow) async throws {
        let text = String(decoding: row.items, as: UTF8.self)
        try await transaction { tx in
            try tx.db.execute(
                sql: """
                    INSERT INTO ghl_children (contact_id, items, listed_run, fulcrum_id, fulcrum_version, ghl_updated)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (contact_id) DO UPDATE SET items = excluded.items, listed_run = excluded.listed_run,
                        fulcrum_id = excluded.fulcrum_id, fulcrum_version = excluded.fulcrum_version, ghl_updated = excluded.ghl_updated
                    """, arguments: [contactId, text, row.runId, row.fulcrumId, row.fulcrumVersion, row.ghlUpdated])
        }
    }

    /// A GHL contact's last children listing, if any.
    public func ghlChildren(contactId: String) async throws -> ChildListingRow? {
        try await read("read the children of GHL contact \(contactId)") { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT items, listed_run, fulcrum_id, fulcrum_version, ghl_updated FROM ghl_children WHERE contact_id = ?",
                arguments: [contactId])
            else { return nil }
            let items: String = row["items"]
            return ChildListingRow(
                items: Data(items.utf8), runId: row["listed_run"], fulcrumId: row["fulcrum_id"],
                fulcrumVersion: row["fulcrum_version"], ghlUpdated: row["ghl_updated"])
        }
    }

    /// The mirrored Fulcrum record's `version` (its column; the raw JSON is not read).
    public func fulcrumVersion(id: String) async throws -> Int? {
        try await read("read the version of Fulcrum record \(id)") { db in
            try Int.fetchOne(db, sql: "SELECT version FROM fulcrum_records WHERE id = ?", arguments: [id])
        }
    }

    /// The mirrored versions of Fulcrum records, by id (a record not mirrored, or without a
    /// version, is absent), from the column, in chunked `IN (...)` queries.
    public func fulcrumVersions(ids: some Collection<String>) async throws -> [String: Int] {
        let ids = Array(ids)
        return try await read("read the versions of \(ids.count) Fulcrum records") { db in
            var versions: [String: Int] = [:]
            try Self.inChunks(ids) { marks, arguments in
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, version FROM fulcrum_records WHERE version IS NOT NULL AND id IN (\(marks))", arguments: arguments)
                {
                    versions[row["id"]] = row["version"]
                }
            }
            return versions
        }
    }

    /// The listing marks of contacts (everything but the items), by contact id, each with
    /// whether the run that listed it settled (`ok` or `failed`: it applied what it planned),
    /// in chunked `IN (...)` queries.
    public func childListingMarks(contactIds: some Collection<String>) async throws -> [String: ChildListingMark] {
        let ids = Array(contactIds)
        return try await read("read the children listings of \(ids.count) contacts") { db in
            var marks: [String: ChildListingMark] = [:]
            try Self.inChunks(ids) { placeholders, arguments in
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.contact_id, c.listed_run, c.fulcrum_id, c.fulcrum_version, c.ghl_updated, r.outcome
                        FROM ghl_children c LEFT JOIN runs r ON r.id = c.listed_run
                        WHERE c.contact_id IN (\(placeholders))
                        """, arguments: arguments)
                {
                    let outcome: String? = row["outcome"]
                    marks[row["contact_id"]] = ChildListingMark(
                        runId: row["listed_run"], fulcrumId: row["fulcrum_id"], fulcrumVersion: row["fulcrum_version"],
                        ghlUpdated: row["ghl_updated"], settled: outcome == "ok" || outcome == "failed")
                }
            }
            return marks
        }
    }

    /// Forgets a contact's listing, so the next run lists its children again (its writes failed).
    public func forgetGHLChildren(contactId: String) async throws {
        try await transaction { tx in
            try tx.db.execute(sql: "DELETE FROM ghl_children WHERE contact_id = ?", arguments: [contactId])
        }
    }

    /// The agreed children of the pair of Fulcrum record `fulcrumId` (empty when none were agreed).
    public func childBase(fulcrumId: String) async throws -> [ChildBase] {
        try await read("read the children base of Fulcrum record \(fulcrumId)") { db in
            guard let text = try String.fetchOne(db, sql: "SELECT children FROM child_base WHERE fulcrum_id = ?", arguments: [fulcrumId])
            else { return [] }
            return try JSONDecoder().decode([ChildBase].self, from: Data(text.utf8))
        }
    }

    /// Marks a GHL child create done and records the created child as agreed (`child`: its GHL
    /// id, its Fulcrum item id, the values sent), in one transaction. Until the pair's other
    /// child writes complete (the Fulcrum item gets the id), this is what links the item to the
    /// child: a crash or a failed Fulcrum write after it can never make a second one.
    public func completeChildCreate(_ journalId: Int64, response: String?, fulcrumId: String, contactId: String, child: ChildBase) async throws {
        try await transaction { tx in
            _ = try tx.markJournalDone(journalId, response: response)
            let text = try String.fetchOne(tx.db, sql: "SELECT children FROM child_base WHERE fulcrum_id = ?", arguments: [fulcrumId])
            var children = try text.map { try JSONDecoder().decode([ChildBase].self, from: Data($0.utf8)) } ?? []
            children.removeAll { $0.kind == child.kind && ($0.fulcrumItemId == child.fulcrumItemId || $0.ghlId == child.ghlId) }
            children.append(child)
            try tx.db.execute(
                sql: """
                    INSERT INTO child_base (fulcrum_id, contact_id, children, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (fulcrum_id) DO UPDATE SET contact_id = excluded.contact_id, children = excluded.children,
                        updated_at = excluded.updated_at
                    """,
                arguments: [fulcrumId, contactId, String(decoding: try JSONEncoder().encode(children), as: UTF8.self), tx.now])
        }
    }

    /// Records the agreed children of a pair, marking `journal` entries done and storing the
    /// Fulcrum record the child write answered with, all in one transaction: the children
    /// base only ever records writes that completed.
    public func completeChildren(
        fulcrumId: String, contactId: String, children: [ChildBase], journal: [Int64], fulcrumRecord: MirrorRecord? = nil
    ) async throws {
        let text = String(decoding: try JSONEncoder().encode(children), as: UTF8.self)
        try await transaction { tx in
            for id in journal { _ = try tx.markJournalDone(id, response: nil) }
            if let fulcrumRecord { try tx.upsertMirror(.fulcrum, [fulcrumRecord]) }
            try tx.db.execute(
                sql: """
                    INSERT INTO child_base (fulcrum_id, contact_id, children, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (fulcrum_id) DO UPDATE SET contact_id = excluded.contact_id, children = excluded.children,
                        updated_at = excluded.updated_at
                    """,
                arguments: [fulcrumId, contactId, text, tx.now])
        }
    }
}
