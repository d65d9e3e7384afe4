import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// Records `base` for a partner re-created after a delete (modify beats delete), releasing
    /// the survivor's link to the deleted partner in the same transaction.
    public func recordBaseReleasingDeletedPartners(_ base: PairBase) async throws {
        try await write("record the base of Fulcrum record \(base.fulcrumId)") { tx in
            try await tx.releaseLinksToDeletedPartners(of: base)
            try await tx.recordBase(base)
        }
    }
}

extension PostgresTransaction {
    /// Releases the survivor's link to a partner gone from its mirror, so it can be linked to
    /// the re-created one; a link to a record that still exists is left alone.
    func releaseLinksToDeletedPartners(of base: PairBase) async throws {
        if let old = try await linkOf(column: "fulcrum_id", id: base.fulcrumId)?.contactId,
            old != base.contactId, try await !mirrorHolds(.ghl, id: old)
        {
            try await unlink(fulcrumId: base.fulcrumId)
        }
        if let old = try await linkOf(column: "contact_id", id: base.contactId)?.fulcrumId,
            old != base.fulcrumId, try await !mirrorHolds(.fulcrum, id: old)
        {
            try await unlink(fulcrumId: old)
        }
    }

    func mirrorHolds(_ side: Side, id: String) async throws -> Bool {
        try await value("SELECT EXISTS (SELECT 1 FROM \(unescaped: side.mirrorTable) WHERE id = \(id))", as: Bool.self) ?? false
    }
}
