import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Records the agreed state of a pair (and its link), replacing any earlier base.
    ///
    /// Call only once every write for the pair completed; the propagator does it inside
    /// `completeJournal` so the two commit together.
    public func recordBase(_ pair: PairBase) async throws {
        try await transaction { try $0.recordBase(pair) }
    }

    /// Records many bases in one transaction (first reconcile, benchmarks); each is encoded,
    /// packed and digested on every core before the write lock is taken.
    public func recordBases(_ pairs: [PairBase]) async throws {
        let dictionary = try await read("read the fulcrum raw JSON dictionary") { db in try self.rawDictionaries.current(.fulcrum, db) }
        let packer = BasePacker(compressors: compressors)
        let prepared = try Lanes.map(pairs) { slice in try slice.map { try PreparedBase($0, packer: packer, dictionary: dictionary) } }
        try await transaction { tx in
            for base in prepared { try tx.recordBase(base) }
        }
    }

    /// Forgets the base of a pair (both sides gone, or the pair is held); the link stays.
    public func removeBase(fulcrumId: String) async throws {
        try await transaction { try $0.removeBase(fulcrumId: fulcrumId) }
    }

    /// Links a Fulcrum record to a GHL contact (see `StoreTransaction.link`).
    public func link(fulcrumId: String, contactId: String) async throws {
        try await transaction { try $0.link(fulcrumId: fulcrumId, contactId: contactId) }
    }

    /// Removes the link of a Fulcrum record, and with it the pair's base.
    public func unlink(fulcrumId: String) async throws {
        try await transaction { try $0.unlink(fulcrumId: fulcrumId) }
    }

    /// The GHL contactId linked to a Fulcrum record, if any.
    public func linkedContact(fulcrumId: String) async throws -> String? {
        try await read("read the link of Fulcrum record \(fulcrumId)") { db in
            try StoreTransaction.linkOf(db, fulcrumId: fulcrumId)?.contactId
        }
    }

    /// The Fulcrum record id linked to a GHL contact, if any.
    public func linkedRecord(contactId: String) async throws -> String? {
        try await read("read the link of GHL contact \(contactId)") { db in
            try StoreTransaction.linkOf(db, contactId: contactId)?.fulcrumId
        }
    }
}

extension StoreTransaction {
    /// Records the agreed state of a pair, linking its two ids first when they are not linked.
    ///
    /// - Throws: `StoreError.Code.linkConflict` when either id is linked to another record.
    public func recordBase(_ pair: PairBase) throws {
        try recordBase(PreparedBase(
            pair, packer: BasePacker(compressors: store.compressors), dictionary: store.rawDictionaries.current(.fulcrum, db)))
    }

    func recordBase(_ base: PreparedBase) throws {
        let pair = base.pair
        // The link is the base row's own (schema v6): one kept without a base moves into it.
        let existing = try links(fulcrumId: pair.fulcrumId, contactId: pair.contactId)
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO base (fulcrum_id, contact_id, state, deleted_side, updated_at, fulcrum_digest, ghl_digest, linked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fulcrum_id) DO UPDATE SET contact_id = excluded.contact_id, state = excluded.state,
                    deleted_side = excluded.deleted_side, updated_at = excluded.updated_at,
                    fulcrum_digest = excluded.fulcrum_digest, ghl_digest = excluded.ghl_digest
                """)
        statement.setUncheckedArguments([
            pair.fulcrumId, pair.contactId, base.state, pair.deletedSide?.rawValue, now, base.fulcrumDigest, base.ghlDigest,
            existing.map { $0.linkedAt.databaseValue } ?? now.databaseValue,
        ])
        try statement.execute()
        if existing?.inBase == false {
            try db.execute(sql: "DELETE FROM links WHERE fulcrum_id = ?", arguments: [pair.fulcrumId])
        }
    }

    /// Forgets the base of a pair; the link stays (in `links`, which holds links without a base).
    public func removeBase(fulcrumId: String) throws {
        try db.execute(
            sql: "INSERT INTO links (fulcrum_id, contact_id, linked_at) SELECT fulcrum_id, contact_id, linked_at FROM base WHERE fulcrum_id = ?",
            arguments: [fulcrumId])
        try db.execute(sql: "DELETE FROM base WHERE fulcrum_id = ?", arguments: [fulcrumId])
    }

    /// Links a Fulcrum record to a GHL contact. Linking an already linked pair does nothing.
    ///
    /// - Throws: `StoreError.Code.linkConflict` when either id is already linked to another
    ///   record: re-pointing a link is a decision (`unlink` first), never a side effect.
    public func link(fulcrumId: String, contactId: String) throws {
        if try links(fulcrumId: fulcrumId, contactId: contactId) != nil { return }
        let insert = try db.cachedStatement(sql: "INSERT INTO links (fulcrum_id, contact_id, linked_at) VALUES (?, ?, ?)")
        try insert.execute(arguments: [fulcrumId, contactId, now])
    }

    /// Removes the link of a Fulcrum record, and with it the pair's base.
    public func unlink(fulcrumId: String) throws {
        try db.execute(sql: "DELETE FROM base WHERE fulcrum_id = ?", arguments: [fulcrumId])
        try db.execute(sql: "DELETE FROM links WHERE fulcrum_id = ?", arguments: [fulcrumId])
    }

    /// The link of exactly these two ids, if they are linked (with its time and whether the
    /// base row holds it); `nil` when neither is linked.
    ///
    /// - Throws: `StoreError.Code.linkConflict` when either id is linked to another record.
    func links(fulcrumId: String, contactId: String) throws -> (linkedAt: String, inBase: Bool)? {
        let check = try db.cachedStatement(
            sql: """
                SELECT fulcrum_id, contact_id, linked_at, 1 FROM base WHERE fulcrum_id = ?1 OR contact_id = ?2
                UNION ALL
                SELECT fulcrum_id, contact_id, linked_at, 0 FROM links WHERE fulcrum_id = ?1 OR contact_id = ?2
                """)
        var found: (linkedAt: String, inBase: Bool)?
        for row in try Row.fetchAll(check, arguments: [fulcrumId, contactId]) {
            let linkedFulcrum = try row.decode(String.self, atIndex: 0)
            let linkedContact = try row.decode(String.self, atIndex: 1)
            if linkedFulcrum == fulcrumId && linkedContact == contactId {
                found = (try row.decode(String.self, atIndex: 2), try row.decode(Bool.self, atIndex: 3))
                continue
            }
            throw StoreError(
                .linkConflict,
                "Cannot link Fulcrum record \(fulcrumId) to GHL contact \(contactId) in \(path): "
                    + "Fulcrum record \(linkedFulcrum) is already linked to GHL contact \(linkedContact). "
                    + "Unlink that pair first if the link is wrong.",
                path: path)
        }
        return found
    }

    /// The link of a Fulcrum record, from its base or, for a pair without one, from `links`.
    static func linkOf(_ db: Database, fulcrumId: String) throws -> (fulcrumId: String, contactId: String)? {
        try linkOf(db, column: "fulcrum_id", id: fulcrumId)
    }

    /// The link of a GHL contact, from its base or, for a pair without one, from `links`.
    static func linkOf(_ db: Database, contactId: String) throws -> (fulcrumId: String, contactId: String)? {
        try linkOf(db, column: "contact_id", id: contactId)
    }

    private static func linkOf(_ db: Database, column: String, id: String) throws -> (fulcrumId: String, contactId: String)? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT fulcrum_id, contact_id FROM base WHERE \(column) = ?1
                UNION ALL SELECT fulcrum_id, contact_id FROM links WHERE \(column) = ?1 LIMIT 1
                """,
            arguments: [id])
        return try row.map { (try $0.decode(String.self, atIndex: 0), try $0.decode(String.self, atIndex: 1)) }
    }
}
