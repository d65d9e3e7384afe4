import GRDB
import SyncCore

extension SQLiteStateStore {
    /// Records `base` for a partner re-created after a delete (modify beats delete), releasing
    /// the survivor's link to the deleted partner in the same transaction.
    public func recordBaseReleasingDeletedPartners(_ base: PairBase) async throws {
        try await transaction { tx in
            try tx.releaseLinksToDeletedPartners(of: base)
            try tx.recordBase(base)
        }
    }
}

extension StoreTransaction {
    /// Before `base` is recorded for a partner re-created after a delete (modify beats delete),
    /// releases the survivor's link to the deleted partner, so the survivor can be linked to the
    /// new one. Runs inside the caller's transaction, so the release commits with the base (and
    /// the journal entry that completes it) or not at all.
    ///
    /// A link is re-pointed only when the record it points at is gone from its side's mirror
    /// (deleted on that side); a link to a record that still exists is left alone, and recording
    /// the base then refuses with `linkConflict`, as it should.
    public func releaseLinksToDeletedPartners(of base: PairBase) throws {
        if let old = try Self.linkOf(db, fulcrumId: base.fulcrumId)?.contactId,
            old != base.contactId, try !mirrorHolds(.ghl, id: old)
        {
            try unlink(fulcrumId: base.fulcrumId)
        }
        if let old = try Self.linkOf(db, contactId: base.contactId)?.fulcrumId,
            old != base.fulcrumId, try !mirrorHolds(.fulcrum, id: old)
        {
            try unlink(fulcrumId: old)
        }
    }

    func mirrorHolds(_ side: Side, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(side.mirrorTable) WHERE id = ?)", arguments: [id]) ?? false
    }
}
