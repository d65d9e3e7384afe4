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
        store: StateStore, mapping: ResolvedMapping, ghl: any GHLGateway, runId: Int64, scope: PlanScope, named: Set<String>,
        progress: Progress
    ) async throws -> ChildReader? {
        guard !mapping.children.isEmpty, let children = ghl as? any GHLChildGateway else { return nil }
        let listing = ChildListing(store: store, mapping: mapping, ghl: children, runId: runId)
        var contacts = scope.contactIds.union(named)
        for fulcrumId in scope.fulcrumIds {
            if let contactId = try await store.linkedContact(fulcrumId: fulcrumId) { contacts.insert(contactId) }
        }
        var wanted: [String] = []
        for contactId in contacts.sorted() {
            // A contact gone from the mirror (deleted in GHL) has no children to list.
            guard let contact = try await store.record(.ghl, id: contactId) else { continue }
            if named.contains(contactId) {
                wanted.append(contactId)
                continue
            }
            guard let last = try await store.ghlChildren(contactId: contactId) else {
                wanted.append(contactId)
                continue
            }
            let fulcrumId = try await store.linkedRecord(contactId: contactId)
            let version = try await fulcrumId.asyncMap(listing.fulcrumVersion)
            let updated = contact.updatedAt.map { Timestamp.format($0, milliseconds: true) }
            let settled = try await store.run(last.runId).map { $0.outcome == "ok" || $0.outcome == "failed" } ?? false
            if !settled || last.fulcrumVersion != version || last.ghlUpdated != updated || last.fulcrumId != fulcrumId {
                wanted.append(contactId)
            }
        }
        if !wanted.isEmpty { progress.note("children: listing the notes, tasks and appointments of \(wanted.count) contacts") }
        for contactId in wanted {
            do {
                try await listing.list(contactIds: [contactId])
            } catch let error as APIError where !error.isAuthFailure {
                // A contact deleted since (GHL answers 400 or 404), or a listing that failed for
                // good: its children are not planned this pass, and nothing else stops.
                progress.note("children: GHL contact \(contactId) could not be listed (\(error)); its notes, tasks and appointments wait for the next pass")
            }
        }
        return ChildReader(store: store, projection: ChildProjection(children: mapping.children), runId: runId)
    }
}
