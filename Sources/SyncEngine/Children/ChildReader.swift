import Foundation
import SyncCore
import SyncStore

/// Answers the planner's question "what children does this pair have?" from the state file:
/// the Fulcrum items from the mirrored record, the GHL children from this run's listing, the
/// agreed children from `child_base`. A linked contact not listed in this run has its pair's
/// children left unplanned (`nil`); an unlinked one (the planner asks because this run pairs
/// it) is listed now, so a new pair's children are planned from a fresh listing.
struct ChildReader: Sendable {
    let store: any StateStore
    let projection: ChildProjection
    let runId: Int64
    /// Lists an unlinked contact when its pair is planned (`nil`: never list, read only).
    var listing: ChildListing? = nil
    var progress: Progress? = nil

    func children(fulcrumId: String?, contactId: String?) async throws -> PairChildren? {
        var pair = PairChildren(fulcrumId: fulcrumId, contactId: contactId)
        if let fulcrumId {
            guard let raw = try await store.rawRecord(.fulcrum, id: fulcrumId),
                let record = (try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any]
            else { return nil }
            pair.fulcrum = projection.fulcrumItems(of: record)
            pair.fulcrumUpdatedAt = (record["updated_at"] as? String).flatMap(Timestamp.parse)
            pair.base = try await store.childBase(fulcrumId: fulcrumId)
        }
        if let contactId {
            if let listing, let progress, try await store.ghlChildren(contactId: contactId)?.runId != runId,
                try await store.linkedRecord(contactId: contactId) == nil
            {
                let updated = try await store.record(.ghl, id: contactId)?.updatedAt.map { Timestamp.format($0, milliseconds: true) }
                _ = try await listing.listOrSkip(contactId, fulcrumId: nil, version: nil, updated: updated, progress: progress)
            }
            guard let listing = try await store.ghlChildren(contactId: contactId), listing.runId == runId else { return nil }
            pair.ghl = Self.items(listing.items, projection: projection)
            pair.ghlUpdatedAt = try await store.record(.ghl, id: contactId)?.updatedAt
            if let fulcrumId, listing.fulcrumId != nil, listing.fulcrumId != fulcrumId { pair.base = [] }
        }
        return pair
    }

    /// The children of a listing body.
    static func items(_ data: Data, projection: ChildProjection) -> [ChildItem] {
        let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ChildKind.allCases.flatMap { kind in
            (body[ChildListing.listKey(kind)] as? [[String: Any]] ?? []).compactMap { projection.ghlItem($0, kind: kind) }
        }
    }
}

extension PlanPhase {
    func children(fulcrumId: String?, contactId: String?) async throws -> PairChildren? {
        try await childReader?.children(fulcrumId: fulcrumId, contactId: contactId)
    }
}
