import Foundation
import SyncCore
import SyncStore

/// Phase 1 of a delta pass (`fgsync sync`): reads only what changed since the cursors into the
/// mirrors, where a full snapshot reads everything.
///
/// - Fulcrum: the form's change feed (`records/history.json`) after the stored `sequence`,
///   deletes included; a record deleted in the feed leaves the mirror (kept in `audit`), so the
///   planner sees its pair with that side gone, as after a full snapshot.
/// - GHL: a search on `dateUpdated` from the stored time, less the search lag (a write shows in
///   search only seconds later, so a window that just closed is read again); rows go through
///   the same stale-index guard as a full snapshot's. GHL deletes reach fgsync through the
///   nightly reconcile (a listing shows none).
///
/// Re-reading an overlap is harmless: an unchanged row changes no plan. The cursors found are
/// returned, and stored only once the pass applied everything it planned, so a crash or a
/// failed write re-reads a window and never skips one.
struct DeltaSnapshotter: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    /// How far before the stored cursors the feeds are read again.
    var overlap: Overlap

    /// How much each side's window is widened.
    struct Overlap: Sendable {
        /// Fulcrum's feed, in milliseconds of `sequence` (seeded with epoch ms, fulcrum.md §6.3).
        var fulcrum: Int64
        /// GHL's search lag.
        var ghl: TimeInterval
    }

    /// Where the next pass starts reading.
    struct Cursors: Sendable, Hashable {
        /// Fulcrum's change feed `sequence`.
        var fulcrumSequence: Int64
        /// GHL's `dateUpdated`.
        var ghlUpdatedSince: Date
    }

    static let fulcrumCursor = "delta.fulcrum.sequence"
    static let ghlCursor = "delta.ghl.dateUpdated"

    /// The stored cursors, or, before the first pass, when each side's last finished full
    /// snapshot started (everything changed before then is in the mirror; a reconcile that
    /// stopped before its snapshot finished does not count). `nil` when no full snapshot of a
    /// side ever finished.
    static func startingCursors(_ store: any StateStore) async throws -> Cursors? {
        if let sequence = try await store.cursor(Self.fulcrumCursor).flatMap({ Int64($0) }),
            let since = try await store.cursor(Self.ghlCursor).flatMap({ Timestamp.parse($0) })
        {
            return Cursors(fulcrumSequence: sequence, ghlUpdatedSince: since)
        }
        guard let fulcrum = try await store.lastFullSnapshotStart(.fulcrum),
            let ghl = try await store.lastFullSnapshotStart(.ghl)
        else { return nil }
        // fulcrum.md §6.3: the feed's `sequence` can be seeded with epoch milliseconds.
        return Cursors(fulcrumSequence: Int64((fulcrum.timeIntervalSince1970 * 1_000).rounded(.down)), ghlUpdatedSince: ghl)
    }

    static let retryCursor = "delta.retry"

    /// Stores the cursors the next pass starts from, and the pairs whose writes failed (the
    /// next pass plans them again), in one transaction.
    static func store(_ cursors: Cursors, retry: PlanScope = PlanScope(), in store: any StateStore) async throws {
        let (sequence, since) = (String(cursors.fulcrumSequence), Timestamp.format(cursors.ghlUpdatedSince, milliseconds: true))
        let ids = ["fulcrum": retry.fulcrumIds.sorted(), "ghl": retry.contactIds.sorted()]
        let retryText = String(decoding: try JSONSerialization.data(withJSONObject: ids, options: [.sortedKeys]), as: UTF8.self)
        try await store.setCursors([fulcrumCursor: sequence, ghlCursor: since, retryCursor: retryText])
    }

    /// The pairs the last pass could not write: planned again by this one.
    static func retryScope(_ store: any StateStore) async throws -> PlanScope {
        guard let text = try await store.cursor(retryCursor), let data = text.data(using: .utf8),
            let ids = try? JSONSerialization.jsonObject(with: data) as? [String: [String]]
        else { return PlanScope() }
        return PlanScope(fulcrumIds: Set(ids["fulcrum"] ?? []), contactIds: Set(ids["ghl"] ?? []))
    }

    /// Reads both sides' changes after `cursors` into the mirrors; returns what was seen and
    /// the cursors the next pass starts from.
    func run(
        from cursors: Cursors, fulcrum: any FulcrumGateway, ghl: any GHLGateway, runId: Int64, progress: Progress
    ) async throws -> (Snapshotter.Outcome, Cursors, PlanScope) {
        var next = cursors
        let fulcrumTally = try await readFulcrum(
            after: max(0, cursors.fulcrumSequence - overlap.fulcrum), fulcrum: fulcrum, runId: runId, progress: progress)
        if let lastSequence = fulcrumTally.lastSequence { next.fulcrumSequence = max(next.fulcrumSequence, lastSequence) }
        let ghlTally = try await readGHL(
            since: cursors.ghlUpdatedSince.addingTimeInterval(-overlap.ghl), ghl: ghl, progress: progress)
        if let lastUpdate = ghlTally.latest { next.ghlUpdatedSince = max(next.ghlUpdatedSince, lastUpdate) }
        let outcome = Snapshotter.Outcome(
            fulcrum: SnapshotOutcome(side: .fulcrum, seq: 0, seen: fulcrumTally.total, removedIds: fulcrumTally.deletedIds),
            ghl: SnapshotOutcome(side: .ghl, seq: 0, seen: ghlTally.total, removedIds: []),
            pages: progress.pages)
        let read = PlanScope(fulcrumIds: fulcrumTally.touchedIds, contactIds: ghlTally.touchedIds)
        return (outcome, next, read.union(try await Self.retryScope(store)))
    }

    /// The feed after `sequence`, applied page by page in feed order (a later entry of a record
    /// replaces an earlier one), so memory follows the page, not the feed.
    private func readFulcrum(
        after sequence: Int64, fulcrum: any FulcrumGateway, runId: Int64, progress: Progress
    ) async throws -> ChangeCollector {
        let tally = ChangeCollector()
        let projection = FulcrumProjection(mapping: mapping)
        try await fulcrum.changes(after: sequence) { page in
            // The page's last entry of each record decides; its live records are written in one
            // transaction (a first pass after a first sync reads every record the sync linked).
            var last: [String: RecordChange] = [:]
            for change in page { last[change.record.id] = change }
            tally.touched(last.keys)
            let live = try last.values.filter { !$0.deleted }.sorted { $0.record.id < $1.record.id }
                .map { try Snapshotter.mirror($0.record, projection: projection.project) }
            if !live.isEmpty { try await store.upsert(.fulcrum, live) }
            live.forEach { tally.revived($0.id) }
            var gone: [String] = []
            for change in last.values where change.deleted {
                if try await store.record(.fulcrum, id: change.record.id) != nil { gone.append(change.record.id) }
            }
            if !gone.isEmpty {
                try await store.remove(.fulcrum, ids: gone.sorted(), runId: runId, reason: "deleted in Fulcrum (change feed)")
                gone.forEach(tally.deleted)
            }
            tally.count(page.count, sequence: page.compactMap(\.sequence).max())
            progress.page(.fulcrum, records: page.count)
        }
        return tally
    }

    /// Contacts updated since `since`, through the stale-index guard.
    private func readGHL(since: Date, ghl: any GHLGateway, progress: Progress) async throws -> ChangeCollector {
        let snapshotter = Snapshotter(store: store, mapping: mapping)
        let tally = ChangeCollector()
        try await ghl.contacts(updatedSince: since) { page in
            let rows = try await snapshotter.ghlRows(page, ghl: ghl)
            try await store.upsert(.ghl, rows)
            tally.touched(rows.map(\.id))
            tally.count(rows.count, latest: rows.compactMap(\.projection.updatedAt).max())
            progress.page(.ghl, records: page.count)
        }
        return tally
    }
}

extension StateStore {
    /// Whether a delta pass can start on this state file: a full reconcile has finished its
    /// snapshot of both sides (or earlier delta passes left cursors).
    public func deltaCanStart() async throws -> Bool {
        try await DeltaSnapshotter.startingCursors(self) != nil
    }
}
