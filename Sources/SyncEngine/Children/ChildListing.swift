import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// Lists the GHL children (notes, tasks, appointments) of the pairs whose children a run plans,
/// into the state file. GHL has no "notes changed since" query (ghl.md §11): every listing is one
/// request per kind per contact, so a reconcile lists only
/// - pairs whose Fulcrum `version` or GHL `dateUpdated` moved since their last listing, and
///   pairs never listed, or last listed by a run that did not finish applying (killed, refused),
///   or whose child writes failed (their listing was forgotten) (`ChildListingMark.moved`);
/// - pairs with an interrupted child write in the journal (re-planned, never repeated blind),
///   and pairs with a person's pending decision on a child conflict;
/// - and a rolling share of the rest (`children.sweep`), so that every pair is swept in turn.
///
/// An unlinked contact is listed only when the run pairs it (creates its record in Fulcrum, or
/// matches it): `ChildReader` lists it when the planner asks for the new pair's children, so a
/// contact that stays unlinked (held, ambiguous) costs no request, and a new pair's children are
/// never planned from a stale listing.
///
/// `list(contactIds:)` is the entry point for event-driven passes: list exactly these contacts.
struct ChildListing: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    let ghl: any GHLChildGateway
    let runId: Int64

    /// Lists the children of the pairs a full reconcile plans; returns how many contacts were listed.
    @discardableResult
    func run(progress: Progress) async throws -> Int {
        guard !mapping.children.isEmpty else { return 0 }
        var forced = Set<String>()
        for entry in try await store.pendingJournal() where entry.operation.kind.isChild {
            if let contactId = entry.operation.contactId { forced.insert(contactId) }
        }
        // A person decided a child conflict: the pair is planned again to apply it.
        forced.formUnion(try await Self.decidedContacts(store))
        var wanted: [(contactId: String, fulcrumId: String?, version: Int?, updated: String?)] = []
        let sweep = Self.sweepModulus(mapping.children.sweepShare)
        try await store.forEachLinkedPair(batchSize: 2_000) { batch in
            // The versions come from the mirror's column and the listings without their items:
            // two queries a batch, no record parsed.
            let versions = try await store.fulcrumVersions(ids: batch.map(\.0.fulcrumId))
            let marks = try await store.childListingMarks(contactIds: batch.map(\.0.contactId))
            for (base, fulcrum, ghl) in batch {
                guard fulcrum != nil, let ghl else { continue }
                let version = versions[base.fulcrumId]
                let updated = ghl.updatedAt.map { Timestamp.format($0, milliseconds: true) }
                let moved = marks[base.contactId]?.moved(fulcrumId: base.fulcrumId, version: version, ghlUpdated: updated) ?? true
                let swept = sweep.map { Self.bucket(base.fulcrumId, $0) == Int(runId % Int64($0)) } ?? false
                if moved || swept || forced.contains(base.contactId) {
                    wanted.append((base.contactId, base.fulcrumId, version, updated))
                }
            }
        }
        progress.note("children: listing the notes, tasks and appointments of \(wanted.count) contacts")
        var listed = 0
        for item in wanted {
            if try await listOrSkip(item.contactId, fulcrumId: item.fulcrumId, version: item.version, updated: item.updated, progress: progress) {
                listed += 1
            }
        }
        return listed
    }

    /// Lists exactly these contacts' children (an event-driven pass: `NoteCreate`, `TaskDelete`,
    /// `AppointmentUpdate`... name the contact).
    func list(contactIds: [String]) async throws {
        for contactId in contactIds {
            let fulcrumId = try await store.linkedRecord(contactId: contactId)
            let updated = try await store.record(.ghl, id: contactId)?.updatedAt.map { Timestamp.format($0, milliseconds: true) }
            let version = try await fulcrumId.asyncMap { try await store.fulcrumVersion(id: $0) }
            try await list(contactId, fulcrumId: fulcrumId, version: version, updated: updated)
        }
    }

    /// Lists one contact; a contact GHL no longer has (400 or 404) or a listing that failed for
    /// good is noted and skipped (its children are not planned this run; nothing else stops).
    /// An authentication failure stops the run. Returns whether it was listed.
    func listOrSkip(_ contactId: String, fulcrumId: String?, version: Int?, updated: String?, progress: Progress) async throws -> Bool {
        do {
            try await list(contactId, fulcrumId: fulcrumId, version: version, updated: updated)
            return true
        } catch let error as APIError where !error.isAuthFailure {
            progress.note("children: GHL contact \(contactId) could not be listed (\(error)); its notes, tasks and appointments wait for the next run")
            return false
        }
    }

    private func list(_ contactId: String, fulcrumId: String?, version: Int?, updated: String?) async throws {
        var body: [String: Any] = [:]
        for kind in mapping.children.kinds.map(\.kind) {
            let items = try await ghl.children(kind, contactId: contactId)
            body[Self.listKey(kind)] = items.map(\.object)
        }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        try await store.saveGHLChildren(
            contactId: contactId,
            ChildListingRow(items: data, runId: runId, fulcrumId: fulcrumId, fulcrumVersion: version, ghlUpdated: updated))
    }

    /// The contacts with a pending decision (`fgsync resolve`) on one of their children's
    /// conflicts: their children must be listed, or the decision could not be applied.
    static func decidedContacts(_ store: any StateStore) async throws -> Set<String> {
        let prefixes = ChildKind.allCases.map { "\($0.configKey)[" }
        return Set(try await store.pendingDecisions().map(\.decision).filter { decision in
            prefixes.contains { decision.field.hasPrefix($0) }
        }.map(\.contactId))
    }

    /// The key of a kind's list in a listing body (GHL's own: `notes`, `tasks`, `events`).
    static func listKey(_ kind: ChildKind) -> String {
        switch kind {
        case .note: "notes"
        case .task: "tasks"
        case .appointment: "events"
        }
    }

    /// Every how many runs an unchanged pair is swept (`nil`: never).
    static func sweepModulus(_ share: Double) -> Int? {
        share > 0 ? max(1, Int((1 / share).rounded())) : nil
    }

    /// A stable bucket of a Fulcrum id (FNV-1a), so each run sweeps a different share.
    static func bucket(_ id: String, _ modulus: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return Int(hash % UInt64(modulus))
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension ChildListing {
    /// Lists the children a full reconcile plans and returns where the planner reads them;
    /// `nil` when no child kind is mapped or the GHL source cannot list children (saved bodies).
    static func reader(
        store: any StateStore, mapping: ResolvedMapping, ghl: any GHLGateway, runId: Int64, progress: Progress
    ) async throws -> ChildReader? {
        guard !mapping.children.isEmpty, let children = ghl as? any GHLChildGateway else { return nil }
        let listing = ChildListing(store: store, mapping: mapping, ghl: children, runId: runId)
        try await listing.run(progress: progress)
        return ChildReader(store: store, projection: ChildProjection(children: mapping.children), runId: runId, listing: listing, progress: progress)
    }
}
