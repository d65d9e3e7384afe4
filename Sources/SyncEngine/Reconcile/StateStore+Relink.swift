import SyncCore
import SyncStore

extension StateStore {
    /// Before `base` is recorded for a partner re-created after a delete (modify beats delete),
    /// releases the survivor's link to the deleted partner, so the survivor can be linked to the
    /// new one.
    ///
    /// A link is re-pointed only when the record it points at is gone from its side's mirror
    /// (deleted on that side); a link to a record that still exists is left alone, and recording
    /// the base then refuses with `linkConflict`, as it should.
    func releaseLinksToDeletedPartners(of base: PairBase) async throws {
        if let old = try await linkedContact(fulcrumId: base.fulcrumId), old != base.contactId, try await record(.ghl, id: old) == nil {
            try await unlink(fulcrumId: base.fulcrumId)
        }
        if let old = try await linkedRecord(contactId: base.contactId), old != base.fulcrumId, try await record(.fulcrum, id: old) == nil {
            try await unlink(fulcrumId: old)
        }
    }
}
