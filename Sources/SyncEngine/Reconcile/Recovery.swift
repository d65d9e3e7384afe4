import Foundation
import SyncCore
import SyncStore

/// After a crash: settles the journal entries whose outcome is unknown before planning again.
///
/// Updates need nothing (re-diffing finds F == G). A create may have happened without its
/// answer being recorded: a Fulcrum create is looked up by the id it was sent with, a GHL
/// create through `GHLCreateLookup` (GHL's consistent duplicate check, then the link field once
/// search has caught up). Found records go into the mirror, so the planner pairs them by their
/// link ids instead of creating them again. A GHL create nothing can settle yet stays pending
/// and is returned as held: the run must not create it again.
struct Recovery: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    let fulcrum: any FulcrumGateway
    let ghl: any GHLGateway
    /// How long GHL's search may take to show a new contact.
    var ghlSearchLag: Duration = ReconcileOptions.defaultGHLSearchLag

    /// What `run` would do, for a dry run, which calls no API for it and changes nothing: one
    /// line per interrupted create to look up, and the GHL creates a real run holds for certain
    /// (nothing to look them up by, inside the search-lag window), so they are not shown as sent.
    func lookupsToMake() async throws -> (lookups: [String], held: [HeldItem]) {
        let lookup = GHLCreateLookup(ghl: ghl, mapping: mapping, searchLag: ghlSearchLag, now: store.clock.now())
        var lookups: [String] = []
        var held: [HeldItem] = []
        for entry in try await store.pendingJournal() where entry.operation.kind == .create || entry.operation.kind.isChild {
            let operation = entry.operation
            if operation.kind.isChild {
                if operation.side == .ghl, operation.kind == .createNote || operation.kind == .createTask {
                    lookups.append("would look for the GHL \(operation.kind.childKind?.word ?? "child") of Fulcrum record \(operation.fulcrumId ?? "?") item \(operation.childItemId ?? "?") (a create interrupted in run \(entry.runId)) among GHL contact \(operation.contactId ?? "?")'s children by what the create sent, before planning it again")
                }
            } else if operation.side == .fulcrum {
                lookups.append("would look up Fulcrum record \(operation.fulcrumId ?? "?") (a create interrupted in run \(entry.runId)) by its id before planning it again")
            } else if case .wait(_, let reason)? = lookup.certainWait(entry) {
                held.append(HeldItem(fulcrumId: operation.fulcrumId, contactId: nil, reason: reason))
            } else {
                lookups.append("would look up the GHL contact of Fulcrum record \(operation.fulcrumId ?? "?") (a create interrupted in run \(entry.runId)) through GHL's duplicate check (email, then phone), else by its link field once GHL's search has caught up, before planning it again")
            }
        }
        return (lookups, held)
    }

    /// Settles the pending entries; returns the GHL creates held until search can see them.
    @discardableResult
    func run() async throws -> [HeldItem] { try await settle().held }

    /// Settles the pending entries; returns the GHL creates held until search can see them, and
    /// every record the entries named or the lookups found: a delta pass plans their pairs too
    /// (a record found here is unlinked until planned, and must be matched, not created again).
    func settle() async throws -> (held: [HeldItem], touched: PlanScope) {
        var held: [HeldItem] = []
        var touched = PlanScope()
        let lookup = GHLCreateLookup(ghl: ghl, mapping: mapping, searchLag: ghlSearchLag, now: store.clock.now())
        var claimedChildren = Set<String>()
        for entry in try await store.pendingJournal() {
            let operation = entry.operation
            if let id = operation.fulcrumId { touched.insert(.fulcrum, id) }
            if let id = operation.contactId { touched.insert(.ghl, id) }
            if operation.kind.isChild {
                let child = try await settleChildCreate(entry, claimed: &claimedChildren)
                let note = child.map { "recovered after an interrupted run: GHL \(operation.kind.childKind?.word ?? "child") \($0) holds what was sent; linked to Fulcrum item \(operation.childItemId ?? "?") and re-planned" }
                try await store.failJournal(entry.id, error: note ?? "interrupted before its answer was recorded; the pair's children are listed and re-planned")
                continue
            }
            var found: String?
            let ghlCreate = operation.side == .ghl && operation.kind == .create ? try await lookup.findCreated(entry) : nil
            if case .wait(_, let reason)? = ghlCreate {
                // Still pending: the next run asks again.
                held.append(HeldItem(fulcrumId: operation.fulcrumId, contactId: nil, reason: reason))
                continue
            }
            if operation.kind == .create {
                if operation.side == .fulcrum, let id = operation.fulcrumId {
                    if try await store.record(.fulcrum, id: id) == nil, let record = try await fulcrum.record(id: id) {
                        try await store.upsert(.fulcrum, [try Snapshotter.mirror(record, projection: FulcrumProjection(mapping: mapping).project)])
                    }
                    found = try await store.record(.fulcrum, id: id) != nil ? id : nil
                    // A re-created partner (modify beats delete) replaces the pair's old record.
                    if found != nil, let contactId = operation.contactId,
                        let old = try await store.linkedRecord(contactId: contactId), old != id,
                        try await store.record(.fulcrum, id: old) == nil, var base = try await store.base(fulcrumId: old)
                    {
                        base.fulcrumId = id
                        try await store.recordBaseReleasingDeletedPartners(base)
                    }
                } else if operation.side == .ghl, let fulcrumId = operation.fulcrumId, case .found(let contact)? = ghlCreate {
                    let mirror = try Snapshotter.mirror(contact, projection: GHLProjection(mapping: mapping).project)
                    try await store.upsert(.ghl, [mirror])
                    found = contact.id
                    // A re-created partner (modify beats delete) replaces the pair's old contact.
                    if var base = try await store.base(fulcrumId: fulcrumId), base.contactId != contact.id,
                        try await store.record(.ghl, id: base.contactId) == nil
                    {
                        base.contactId = contact.id
                        try await store.recordBaseReleasingDeletedPartners(base)
                    }
                }
            }
            if let found { touched.insert(operation.side, found) }
            let note = found.map { "recovered after an interrupted run: the record exists (\($0)); re-planned" }
                ?? "interrupted before its answer was recorded; re-planned from fresh snapshots"
            try await store.failJournal(entry.id, error: note)
        }
        return (held, touched)
    }
}
