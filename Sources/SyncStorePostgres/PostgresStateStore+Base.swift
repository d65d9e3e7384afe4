import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Records the agreed state of a pair (and its link), replacing any earlier base.
    public func recordBase(_ pair: PairBase) async throws {
        try await write("record the base of Fulcrum record \(pair.fulcrumId)") { tx in try await tx.recordBase(pair) }
    }

    /// Records many bases in one transaction (first reconcile, benchmarks).
    public func recordBases(_ pairs: [PairBase]) async throws {
        let encoded = pairs.map { ($0, Data(ProjectionCodec.encodeBase(fields: $0.fields, tags: $0.tags))) }
        try await write("record \(pairs.count) bases") { tx in
            for (pair, state) in encoded { try await tx.recordBase(pair, encodedState: state) }
        }
    }

    /// Forgets the base of a pair (both sides gone, or the pair is held); the link stays.
    public func removeBase(fulcrumId: String) async throws {
        try await write("remove the base of Fulcrum record \(fulcrumId)") { tx in try await tx.removeBase(fulcrumId: fulcrumId) }
    }

    /// Links a Fulcrum record to a GHL contact; linking an already linked pair does nothing.
    public func link(fulcrumId: String, contactId: String) async throws {
        try await write("link Fulcrum record \(fulcrumId)") { tx in try await tx.link(fulcrumId: fulcrumId, contactId: contactId) }
    }

    /// Removes the link of a Fulcrum record, and with it the pair's base.
    public func unlink(fulcrumId: String) async throws {
        try await write("unlink Fulcrum record \(fulcrumId)") { tx in try await tx.unlink(fulcrumId: fulcrumId) }
    }

    /// The GHL contactId linked to a Fulcrum record, if any.
    public func linkedContact(fulcrumId: String) async throws -> String? {
        try await read("read the link of Fulcrum record \(fulcrumId)") { tx in try await tx.linkOf(column: "fulcrum_id", id: fulcrumId)?.contactId }
    }

    /// The Fulcrum record id linked to a GHL contact, if any.
    public func linkedRecord(contactId: String) async throws -> String? {
        try await read("read the link of GHL contact \(contactId)") { tx in try await tx.linkOf(column: "contact_id", id: contactId)?.fulcrumId }
    }
}

extension PostgresTransaction {
    /// Records the agreed state of a pair, linking its two ids first when they are not linked.
    func recordBase(_ pair: PairBase) async throws {
        try await recordBase(pair, encodedState: Data(ProjectionCodec.encodeBase(fields: pair.fields, tags: pair.tags)))
    }

    func recordBase(_ pair: PairBase, encodedState: Data) async throws {
        // The link is the base row's own (as in schema v6 of the file): one kept without a base moves into it.
        let existing = try await links(fulcrumId: pair.fulcrumId, contactId: pair.contactId)
        let now = self.now
        try await execute(
            """
            INSERT INTO base (fulcrum_id, contact_id, state, deleted_side, updated_at, fulcrum_digest, ghl_digest, linked_at)
            VALUES (\(pair.fulcrumId), \(pair.contactId), \(encodedState), \(pair.deletedSide?.rawValue), \(now),
                \(AgreementDigest.base(pair, side: .fulcrum)), \(AgreementDigest.base(pair, side: .ghl)), \(existing?.linkedAt ?? now))
            ON CONFLICT (fulcrum_id) DO UPDATE SET contact_id = excluded.contact_id, state = excluded.state,
                deleted_side = excluded.deleted_side, updated_at = excluded.updated_at,
                fulcrum_digest = excluded.fulcrum_digest, ghl_digest = excluded.ghl_digest
            """)
        if existing?.inBase == false {
            try await execute("DELETE FROM links WHERE fulcrum_id = \(pair.fulcrumId)")
        }
    }

    /// Forgets the base of a pair; the link stays (in `links`, which holds links without a base).
    func removeBase(fulcrumId: String) async throws {
        try await execute(
            "INSERT INTO links (fulcrum_id, contact_id, linked_at) SELECT fulcrum_id, contact_id, linked_at FROM base WHERE fulcrum_id = \(fulcrumId)")
        try await execute("DELETE FROM base WHERE fulcrum_id = \(fulcrumId)")
    }

    /// Links a Fulcrum record to a GHL contact. Linking an already linked pair does nothing.
    func link(fulcrumId: String, contactId: String) async throws {
        if try await links(fulcrumId: fulcrumId, contactId: contactId) != nil { return }
        try await execute("INSERT INTO links (fulcrum_id, contact_id, linked_at) VALUES (\(fulcrumId), \(contactId), \(now))")
    }

    /// Removes the link of a Fulcrum record, and with it the pair's base.
    func unlink(fulcrumId: String) async throws {
        try await execute("DELETE FROM base WHERE fulcrum_id = \(fulcrumId)")
        try await execute("DELETE FROM links WHERE fulcrum_id = \(fulcrumId)")
    }

    /// The link of exactly these two ids, if they are linked; `nil` when neither is.
    ///
    /// - Throws: `StoreError.Code.linkConflict` when either id is linked to another record.
    func links(fulcrumId: String, contactId: String) async throws -> (linkedAt: Date, inBase: Bool)? {
        var found: (linkedAt: Date, inBase: Bool)?
        for row in try await rows(
            """
            SELECT fulcrum_id, contact_id, linked_at, true FROM base WHERE fulcrum_id = \(fulcrumId) OR contact_id = \(contactId)
            UNION ALL
            SELECT fulcrum_id, contact_id, linked_at, false FROM links WHERE fulcrum_id = \(fulcrumId) OR contact_id = \(contactId)
            """)
        {
            let (linkedFulcrum, linkedContact, linkedAt, inBase) = try row.decode((String, String, Date, Bool).self)
            if linkedFulcrum == fulcrumId && linkedContact == contactId {
                found = (linkedAt, inBase)
                continue
            }
            throw StoreError(
                .linkConflict,
                "Cannot link Fulcrum record \(fulcrumId) to GHL contact \(contactId) in \(location): "
                    + "Fulcrum record \(linkedFulcrum) is already linked to GHL contact \(linkedContact). "
                    + "Unlink that pair first if the link is wrong.",
                path: location)
        }
        return found
    }

    /// The link of a record by `column` (`fulcrum_id` or `contact_id`), from its base or from `links`.
    func linkOf(column: String, id: String) async throws -> (fulcrumId: String, contactId: String)? {
        guard let row = try await rows(
            """
            SELECT fulcrum_id, contact_id FROM base WHERE \(unescaped: column) = \(id)
            UNION ALL SELECT fulcrum_id, contact_id FROM links WHERE \(unescaped: column) = \(id) LIMIT 1
            """).first
        else { return nil }
        let (fulcrumId, contactId) = try row.decode((String, String).self)
        return (fulcrumId, contactId)
    }
}
