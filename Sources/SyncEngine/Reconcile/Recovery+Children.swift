import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// After a crash: a GHL note or task create whose answer was lost may have happened. The GHL
/// id never reached the Fulcrum item, so the next run would see a new child on each side and,
/// if the item was edited meanwhile, create it in GHL a second time.
///
/// The create is recognised by what its journal entry says was sent (its payload), not by the
/// item's current content: the contact's children of that kind are listed and an unclaimed one
/// (no Fulcrum item carries its id, no agreed child has it) holding every value sent is the
/// created child. It is recorded as agreed with those values, under the item's id, so the
/// planner links the item to it (writing the id back) and an edit made since flows as an update.
extension Recovery {
    /// Settles a pending GHL child create; returns the GHL id found, or `nil` (not a child
    /// create, or nothing matches: the planner sees both sides afresh). `claimed` holds the GHL
    /// ids found by earlier entries of this recovery, so two identical creates find two children.
    func settleChildCreate(_ entry: JournalEntry, claimed: inout Set<String>) async throws -> String? {
        let operation = entry.operation
        guard operation.side == .ghl, operation.kind == .createNote || operation.kind == .createTask,
            let kind = operation.kind.childKind, let fulcrumId = operation.fulcrumId, let contactId = operation.contactId,
            let itemId = operation.childItemId, let children = ghl as? any GHLChildGateway
        else { return nil }
        let projection = ChildProjection(children: mapping.children)
        let listed: [RawRecord]
        do {
            listed = try await children.children(kind, contactId: contactId)
        } catch let error as APIError where !error.isAuthFailure {
            return nil  // The contact is gone, or GHL is down: the run plans the pair from what it lists.
        }
        var base = try await store.childBase(fulcrumId: fulcrumId)
        let raw = try await store.rawRecord(.fulcrum, id: fulcrumId)
        let record = raw.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] } ?? [:]
        let items = projection.fulcrumItems(of: record)
        // The item already carries an id (its link write went through): nothing to find.
        guard items.first(where: { $0.fulcrumItemId == itemId })?.ghlId == nil else { return nil }
        var taken = claimed.union(base.map(\.ghlId)).union(items.compactMap(\.ghlId))
        taken.remove("")
        let sent = operation.fields.compactMapValues { $0 }
        let found = listed.compactMap { projection.ghlItem($0.object, kind: kind) }
            .filter { item in
                guard let id = item.ghlId, !taken.contains(id) else { return false }
                return sent.allSatisfy { $0.value.agrees(with: item.fields[$0.key]) }
            }
            .compactMap(\.ghlId).sorted().first
        guard let found else { return nil }
        claimed.insert(found)
        base.removeAll { $0.kind == kind && $0.fulcrumItemId == itemId }
        base.append(ChildBase(kind: kind, ghlId: found, fulcrumItemId: itemId, fields: sent))
        try await store.completeChildren(fulcrumId: fulcrumId, contactId: contactId, children: base, journal: [])
        return found
    }
}
