import Foundation
import SyncCore
import SyncHTTP
import SyncStore

extension ChildListing {
    /// Lists the children of the pairs a delta pass plans: each touched contact (and the partner
    /// of each touched Fulcrum record) whose record moved since its last listing, and every
    /// contact a child event named (`NoteCreate`, `TaskDelete`, `AppointmentUpdate`...: a note
    /// does not move the contact's `dateUpdated`). Returns where the planner reads them.
    static func deltaReader(
        store: any StateStore, mapping: ResolvedMapping, ghl: any GHLGateway, runId: Int64, scope: PlanScope, named: Set<String>,
        progress: Progress
    ) async throws -> ChildReader? {
        guard !mapping.children.isEmpty, let children = ghl as? any GHLChildGateway else { return nil }
        let listing = ChildListing(store: store, mapping: mapping, ghl: children, runId: runId)
        var contacts = scope.contactIds.union(named)
        for fulcrumId in scope.fulcrumIds {
            if let contactId = try await store.linkedContact(fulcrumId: fulcrumId) { contacts.insert(contactId) }
        }
        let sorted = contacts.sorted()
        let marks = try await store.childListingMarks(contactIds: sorted)
        var wanted: [(contactId: String, fulcrumId: String?, version: Int?, updated: String?)] = []
        for contactId in sorted {
            // A contact gone from the mirror (deleted in GHL) has no children to list.
            guard let contact = try await store.record(.ghl, id: contactId) else { continue }
            let fulcrumId = try await store.linkedRecord(contactId: contactId)
            // An unlinked contact is listed when the pass pairs it (`ChildReader`).
            guard let fulcrumId else { continue }
            let version = try await store.fulcrumVersion(id: fulcrumId)
            let updated = contact.updatedAt.map { Timestamp.format($0, milliseconds: true) }
            let moved = marks[contactId]?.moved(fulcrumId: fulcrumId, version: version, ghlUpdated: updated) ?? true
            if named.contains(contactId) || moved { wanted.append((contactId, fulcrumId, version, updated)) }
        }
        if !wanted.isEmpty { progress.note("children: listing the notes, tasks and appointments of \(wanted.count) contacts") }
        for item in wanted {
            _ = try await listing.listOrSkip(item.contactId, fulcrumId: item.fulcrumId, version: item.version, updated: item.updated, progress: progress)
        }
        return ChildReader(store: store, projection: ChildProjection(children: mapping.children), runId: runId, listing: listing, progress: progress)
    }
}
