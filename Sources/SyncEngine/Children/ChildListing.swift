import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// Lists the GHL children (notes, tasks, appointments) of the pairs whose children a run plans,
/// into the state file. GHL has no "notes changed since" query (ghl.md §11): every listing is one
/// request per kind per contact, so a reconcile lists only
/// - pairs whose Fulcrum `version` or GHL `dateUpdated` moved since their last listing, and
///   pairs never listed, or last listed by a run that did not finish applying (killed, refused),
///   or whose child writes failed (their listing was forgotten);
/// - pairs with an interrupted child write in the journal (re-planned, never repeated blind);
/// - unlinked contacts (a contact created in Fulcrum brings its children);
/// - and a rolling share of the rest (`children.sweep`), so that every pair is swept in turn.
///
/// `list(contactIds:)` is the entry point for event-driven passes: list exactly these contacts.
struct ChildListing: Sendable {
    let store: StateStore
    let mapping: ResolvedMapping
    let ghl: any GHLChildGateway
    let runId: Int64

    /// Lists the children of the pairs a full reconcile plans; returns how many contacts were listed.
    @discardableResult
    func run(progress: Progress) async throws -> Int {
        guard !mapping.children.isEmpty else { return 0 }
        var interrupted = Set<String>()
        for entry in try await store.pendingJournal() where entry.operation.kind.isChild {
            if let contactId = entry.operation.contactId { interrupted.insert(contactId) }
        }
        var wanted: [(contactId: String, fulcrumId: String?, version: Int?, updated: String?)] = []
        // A listing counts only once its run applied what it planned: a run that was killed or
        // refused left its children unplanned or half written.
        var settledRuns: [Int64: Bool] = [:]
        func settled(_ runId: Int64) async throws -> Bool {
            if let known = settledRuns[runId] { return known }
            let outcome = try await store.run(runId)?.outcome
            settledRuns[runId] = outcome == "ok" || outcome == "failed"
            return settledRuns[runId]!
        }
        let sweep = Self.sweepModulus(mapping.children.sweepShare)
        try await store.forEachLinkedPair(batchSize: 2_000) { batch in
            for (base, fulcrum, ghl) in batch {
                guard fulcrum != nil, let ghl else { continue }
                let version = try await fulcrumVersion(base.fulcrumId)
                let updated = ghl.updatedAt.map { Timestamp.format($0, milliseconds: true) }
                let last = try await store.ghlChildren(contactId: base.contactId)
                let settledLast = try await last.asyncMap { try await settled($0.runId) } ?? false
                let moved = !settledLast || last?.fulcrumVersion != version || last?.ghlUpdated != updated || last?.fulcrumId != base.fulcrumId
                let swept = sweep.map { Self.bucket(base.fulcrumId, $0) == Int(runId % Int64($0)) } ?? false
                if moved || swept || interrupted.contains(base.contactId) {
                    wanted.append((base.contactId, base.fulcrumId, version, updated))
                }
            }
        }
        for contact in try await store.unlinkedRecords(.ghl) {
            wanted.append((contact.id, nil, nil, contact.updatedAt.map { Timestamp.format($0, milliseconds: true) }))
        }
        progress.note("children: listing the notes, tasks and appointments of \(wanted.count) contacts")
        var listed = 0
        for item in wanted {
            do {
                try await list(item.contactId, fulcrumId: item.fulcrumId, version: item.version, updated: item.updated)
                listed += 1
            } catch let error as APIError where !error.isAuthFailure {
                // A contact gone since the listing (GHL answers 400 or 404), or a request that
                // failed for good: its children are not planned this run, and nothing else stops.
                progress.note("children: GHL contact \(item.contactId) could not be listed (\(error)); its notes, tasks and appointments wait for the next run")
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
            try await list(contactId, fulcrumId: fulcrumId, version: try await fulcrumId.asyncMap(fulcrumVersion), updated: updated)
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

    /// The mirrored Fulcrum record's `version`.
    func fulcrumVersion(_ fulcrumId: String) async throws -> Int? {
        guard let raw = try await store.rawRecord(.fulcrum, id: fulcrumId) else { return nil }
        return ((try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any])?["version"] as? Int
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
        store: StateStore, mapping: ResolvedMapping, ghl: any GHLGateway, runId: Int64, progress: Progress
    ) async throws -> ChildReader? {
        guard !mapping.children.isEmpty, let children = ghl as? any GHLChildGateway else { return nil }
        try await ChildListing(store: store, mapping: mapping, ghl: children, runId: runId).run(progress: progress)
        return ChildReader(store: store, projection: ChildProjection(children: mapping.children), runId: runId)
    }
}
