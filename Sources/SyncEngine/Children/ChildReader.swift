import Foundation
import SyncCore
import SyncStore

/// Answers the planner's question "what children does this pair have?" from the state file:
/// the Fulcrum items from the mirrored record, the GHL children from this run's listing, the
/// agreed children from `child_base`. A contact not listed in this run has its pair's children
/// left unplanned (`nil`).
struct ChildReader: Sendable {
    let store: StateStore
    let projection: ChildProjection
    let runId: Int64

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
