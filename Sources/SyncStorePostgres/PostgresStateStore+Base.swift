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
            for start in stride(from: 0, to: encoded.count, by: PostgresTransaction.baseBatch) {
                try await tx.recordBases(encoded[start..<min(start + PostgresTransaction.baseBatch, encoded.count)])
            }
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

    /// Rows per statement of `recordBases`: 8 parameters each, well under PostgreSQL's 65,535.
    static var baseBatch: Int { 1_000 }

    /// Records bases as `recordBase` does one by one, in order (a later base of the same pair
    /// wins, and one that contradicts an earlier link of the same call is refused), with one
    /// read of the links they touch and one upsert per batch instead of a round trip per pair.
    ///
    /// - Throws: `StoreError.Code.linkConflict` when either id of a pair is linked to another record.
    func recordBases(_ batch: ArraySlice<(PairBase, Data)>) async throws {
        let fulcrumIds = batch.map(\.0.fulcrumId)
        let contactIds = batch.map(\.0.contactId)
        // Every link the batch touches, as (contact, linked at, held by a base row), by Fulcrum id.
        var byFulcrum: [String: (contactId: String, linkedAt: Date, inBase: Bool)] = [:]
        var byContact: [String: String] = [:]
        for row in try await rows(
            """
            SELECT fulcrum_id, contact_id, linked_at, true FROM base WHERE fulcrum_id = ANY(\(fulcrumIds)) OR contact_id = ANY(\(contactIds))
            UNION ALL
            SELECT fulcrum_id, contact_id, linked_at, false FROM links WHERE fulcrum_id = ANY(\(fulcrumIds)) OR contact_id = ANY(\(contactIds))
            """)
        {
            let (fulcrumId, contactId, linkedAt, inBase) = try row.decode((String, String, Date, Bool).self)
            byFulcrum[fulcrumId] = (contactId, linkedAt, inBase)
            byContact[contactId] = fulcrumId
        }
        let now = self.now
        var rowsByFulcrum: [String: (pair: PairBase, state: Data, linkedAt: Date)] = [:]
        var order: [String] = []
        var moved: [String] = []
        for (pair, state) in batch {
            let linked = byFulcrum[pair.fulcrumId]
            let other = byContact[pair.contactId]
            if let linked, linked.contactId != pair.contactId {
                throw linkConflict(pair, linkedFulcrum: pair.fulcrumId, linkedContact: linked.contactId)
            }
            if let other, other != pair.fulcrumId {
                throw linkConflict(pair, linkedFulcrum: other, linkedContact: pair.contactId)
            }
            if linked?.inBase == false { moved.append(pair.fulcrumId) }
            let linkedAt = linked?.linkedAt ?? now
            byFulcrum[pair.fulcrumId] = (pair.contactId, linkedAt, true)
            byContact[pair.contactId] = pair.fulcrumId
            if rowsByFulcrum[pair.fulcrumId] == nil { order.append(pair.fulcrumId) }
            rowsByFulcrum[pair.fulcrumId] = (pair, state, linkedAt)
        }
        var binds = PostgresBindings(capacity: order.count * 8)
        var tuples: [String] = []
        for (offset, fulcrumId) in order.enumerated() {
            guard let row = rowsByFulcrum[fulcrumId] else { continue }
            let first = offset * 8
            tuples.append("(" + (1...8).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
            binds.append(row.pair.fulcrumId)
            binds.append(row.pair.contactId)
            try binds.append(row.state)
            binds.append(row.pair.deletedSide?.rawValue)
            binds.append(now)
            try binds.append(AgreementDigest.base(row.pair, side: .fulcrum))
            try binds.append(AgreementDigest.base(row.pair, side: .ghl))
            binds.append(row.linkedAt)
        }
        guard !tuples.isEmpty else { return }
        try await execute(PostgresQuery(
            unsafeSQL: """
                INSERT INTO base (fulcrum_id, contact_id, state, deleted_side, updated_at, fulcrum_digest, ghl_digest, linked_at)
                VALUES \(tuples.joined(separator: ", "))
                ON CONFLICT (fulcrum_id) DO UPDATE SET contact_id = excluded.contact_id, state = excluded.state,
                    deleted_side = excluded.deleted_side, updated_at = excluded.updated_at,
                    fulcrum_digest = excluded.fulcrum_digest, ghl_digest = excluded.ghl_digest
                """,
            binds: binds))
        if !moved.isEmpty { try await execute("DELETE FROM links WHERE fulcrum_id = ANY(\(moved))") }
    }

    func linkConflict(_ pair: PairBase, linkedFulcrum: String, linkedContact: String) -> StoreError {
        StoreError(
            .linkConflict,
            "Cannot link Fulcrum record \(pair.fulcrumId) to GHL contact \(pair.contactId) in \(location): "
                + "Fulcrum record \(linkedFulcrum) is already linked to GHL contact \(linkedContact). "
                + "Unlink that pair first if the link is wrong.",
            path: location)
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
