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
    let store: StateStore
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

    /// The stored cursors, or, before the first pass, the start of the last full reconcile (it
    /// read everything changed before then). `nil` when no full reconcile ever ran.
    static func startingCursors(_ store: StateStore) async throws -> Cursors? {
        if let sequence = try await store.cursor(Self.fulcrumCursor).flatMap({ Int64($0) }),
            let since = try await store.cursor(Self.ghlCursor).flatMap({ Timestamp.parse($0) })
        {
            return Cursors(fulcrumSequence: sequence, ghlUpdatedSince: since)
        }
        let reconciled = try await store.recentRuns(limit: 100).first {
            $0.kind == "reconcile" && $0.mode != "dry-run" && ["ok", "failed", "refused"].contains($0.outcome ?? "")
        }
        guard let reconciled, try await store.baseCount() > 0 else { return nil }
        return Cursors(
            fulcrumSequence: Int64((reconciled.startedAt.timeIntervalSince1970 * 1_000).rounded(.down)),
            ghlUpdatedSince: reconciled.startedAt)
    }

    /// Stores the cursors the next pass starts from.
    static func store(_ cursors: Cursors, in store: StateStore) async throws {
        try await store.setCursor(fulcrumCursor, String(cursors.fulcrumSequence))
        try await store.setCursor(ghlCursor, Timestamp.format(cursors.ghlUpdatedSince, milliseconds: true))
    }

    /// Reads both sides' changes after `cursors` into the mirrors; returns what was seen and
    /// the cursors the next pass starts from.
    func run(
        from cursors: Cursors, fulcrum: any FulcrumGateway, ghl: any GHLGateway, runId: Int64, progress: Progress
    ) async throws -> (Snapshotter.Outcome, Cursors) {
        var next = cursors
        let (fulcrumSeen, deleted, lastSequence) = try await readFulcrum(
            after: max(0, cursors.fulcrumSequence - overlap.fulcrum), fulcrum: fulcrum, runId: runId, progress: progress)
        if let lastSequence { next.fulcrumSequence = max(next.fulcrumSequence, lastSequence) }
        let (ghlSeen, lastUpdate) = try await readGHL(
            since: cursors.ghlUpdatedSince.addingTimeInterval(-overlap.ghl), ghl: ghl, progress: progress)
        if let lastUpdate { next.ghlUpdatedSince = max(next.ghlUpdatedSince, lastUpdate) }
        let outcome = Snapshotter.Outcome(
            fulcrum: SnapshotOutcome(side: .fulcrum, seq: 0, seen: fulcrumSeen, removedIds: deleted),
            ghl: SnapshotOutcome(side: .ghl, seq: 0, seen: ghlSeen, removedIds: []),
            pages: progress.pages)
        return (outcome, next)
    }

    /// The feed after `sequence`: the latest entry of each record wins.
    private func readFulcrum(
        after sequence: Int64, fulcrum: any FulcrumGateway, runId: Int64, progress: Progress
    ) async throws -> (seen: Int, deleted: [String], last: Int64?) {
        let latest = ChangeCollector()
        try await fulcrum.changes(after: sequence) { page in
            latest.add(page)
            progress.page(.fulcrum, records: page.count)
        }
        let changes = latest.changes
        let projection = FulcrumProjection(mapping: mapping)
        let live = try changes.filter { !$0.deleted }.map { try Snapshotter.mirror($0.record, projection: projection.project) }
        if !live.isEmpty { try await store.upsert(.fulcrum, live) }
        var deleted: [String] = []
        for change in changes where change.deleted {
            if try await store.record(.fulcrum, id: change.record.id) != nil { deleted.append(change.record.id) }
        }
        if !deleted.isEmpty {
            let gone = deleted
            try await store.transaction { tx in
                try tx.removeMirror(.fulcrum, ids: gone, runId: runId, reason: "deleted in Fulcrum (change feed)")
            }
        }
        return (changes.count, deleted.sorted(), latest.lastSequence)
    }

    /// Contacts updated since `since`, through the stale-index guard.
    private func readGHL(since: Date, ghl: any GHLGateway, progress: Progress) async throws -> (seen: Int, last: Date?) {
        let snapshotter = Snapshotter(store: store, mapping: mapping)
        let projection = GHLProjection(mapping: mapping)
        let seen = ChangeCollector()
        try await ghl.contacts(updatedSince: since) { page in
            var rows: [MirrorRecord] = []
            for contact in page {
                rows.append(try await snapshotter.newestGHLRow(try Snapshotter.mirror(contact, projection: projection.project), ghl: ghl))
            }
            try await store.upsert(.ghl, rows)
            seen.count(rows.count, latest: rows.compactMap(\.projection.updatedAt).max())
            progress.page(.ghl, records: page.count)
        }
        return (seen.total, seen.latest)
    }
}
