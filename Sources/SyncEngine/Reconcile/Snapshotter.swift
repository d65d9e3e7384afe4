import Foundation
import SyncCore
import SyncStore

/// Phase 1, update detection: pages through both APIs at once and upserts each record's raw
/// JSON and canonical projection into that side's mirror, fetching each side's next page while
/// the last one is ingested (`PagePrefetch`).
///
/// Memory does not grow with the number of records: each page is projected, written and
/// dropped. A full snapshot ends by removing the mirror rows it did not see (kept in `audit`):
/// those records were deleted on that side. GHL lists through a search index that lags behind
/// writes, so there a missing contact counts as deleted only once a direct read confirms it,
/// and a listed row older than the mirror's never replaces it.
///
/// A listed record whose raw JSON is what the mirror holds (same `raw_hash`) is neither parsed
/// nor projected when every mirror row was projected under this mapping (`reuseUnchanged`):
/// it only counts as seen. Re-projecting it would give the stored projection, which the store
/// would then not write; see `keepUnchanged`.
struct Snapshotter: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    /// Whether the mirrors' rows were all projected under `mapping`'s `projectionFingerprint`
    /// (`projectionsReusable`), so unchanged records may keep their stored projection.
    var reuseUnchanged = false

    /// What both snapshots saw.
    struct Outcome: Sendable {
        var fulcrum: SnapshotOutcome
        var ghl: SnapshotOutcome
        var pages: Int
    }

    func run(fulcrum: any FulcrumGateway, ghl: any GHLGateway, runId: Int64, progress: Progress) async throws -> Outcome {
        let fulcrumProjection = FulcrumProjection(mapping: mapping)
        let ghlProjection = GHLProjection(mapping: mapping)
        let fulcrumSeq = try await store.beginSnapshot(.fulcrum)
        let ghlSeq = try await store.beginSnapshot(.ghl)
        let unchanged = UnchangedTally()
        // Both sides list at once, each fetching its next page while the last is ingested: a
        // no-change run is bound by the slower side's pages, not by the sum of everything.
        async let fulcrumPages: Void = PagePrefetch.run { sink in
            try await fulcrum.records { page in try await sink(page) }
        } consume: { page in
            let changed = try await keepUnchanged(.fulcrum, page, snapshot: fulcrumSeq, tally: unchanged)
            if !changed.isEmpty {
                try await store.ingest(
                    .fulcrum, try changed.map { try Self.mirror($0, projection: fulcrumProjection.project) }, snapshot: fulcrumSeq)
            }
            progress.page(.fulcrum, records: page.count)
        }
        async let ghlPages: Void = PagePrefetch.run { sink in
            try await ghl.contacts { page in try await sink(page) }
        } consume: { page in
            let changed = try await keepUnchanged(.ghl, page, snapshot: ghlSeq, tally: unchanged)
            if !changed.isEmpty { try await store.ingest(.ghl, try await ghlRows(changed, ghl: ghl), snapshot: ghlSeq) }
            progress.page(.ghl, records: page.count)
        }
        try await fulcrumPages
        try await ghlPages
        var fulcrumOutcome = try await store.finishSnapshot(.fulcrum, snapshot: fulcrumSeq, runId: runId)
        var ghlOutcome = try await store.finishSnapshot(.ghl, snapshot: ghlSeq, runId: runId)
        if ghlOutcome.seen > 0 {
            // An empty listing is left to the empty-snapshot rail rather than read id by id.
            ghlOutcome.removedIds = try await confirmDeleted(ghlOutcome.removedIds, ghl: ghl, projection: ghlProjection)
        }
        // Every row of both mirrors is now projected under this mapping: listed (projected, or
        // kept as it already was under it) or removed; the next snapshot may keep unchanged ones.
        try await store.setProjectionFingerprint(mapping.projectionFingerprint)
        fulcrumOutcome.unchanged = unchanged.count(.fulcrum)
        ghlOutcome.unchanged = unchanged.count(.ghl)
        return Outcome(fulcrum: fulcrumOutcome, ghl: ghlOutcome, pages: progress.pages)
    }

    // MARK: - GHL search lags behind writes

    // GHL lists contacts through its search index, which shows a write only some seconds later
    // (ghl.md). A run right after another would otherwise take the index's stale rows for
    // changes (undoing what the last run wrote) and contacts it does not show yet for deletes.

    /// A listed page of contacts as mirror rows, each through the stale-index guard.
    func ghlRows(_ page: [RawRecord], ghl: any GHLGateway) async throws -> [MirrorRecord] {
        let projection = GHLProjection(mapping: mapping)
        let listed = try page.map { try Self.mirror($0, projection: projection.project) }
        let mirrored = try await store.records(.ghl, ids: listed.map(\.id))
        var rows: [MirrorRecord] = []
        for row in listed {
            rows.append(try await newestGHLRow(row, mirrored: mirrored[row.id], ghl: ghl))
        }
        return rows
    }

    /// What to store for a listed contact whose row disagrees with the mirror's.
    ///
    /// Listed as of an older `dateUpdated` than the mirror's: the index has not caught up with
    /// a write we made, so the mirror's row stands. Listed with the same `dateUpdated` but other
    /// values: either the index is stale (our tag calls answer with the tags only, so the mirror
    /// keeps the old `dateUpdated` with the new tags) or GHL changed a value without moving
    /// `dateUpdated`; the listing cannot tell which, so the contact is read by id and that
    /// answer is stored. A different value is never discarded unread.
    ///
    /// `mirrored` is the mirror's projection of the contact (`nil` when it holds none).
    func newestGHLRow(_ row: MirrorRecord, mirrored: RecordState?, ghl: any GHLGateway) async throws -> MirrorRecord {
        // Compared in whole milliseconds, GHL's precision: a time read back from the mirror
        // may differ from the listed one in the last bits of its floating-point seconds.
        func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded()) }
        guard let listedTime = row.projection.updatedAt, let mirrored,
            let knownTime = mirrored.updatedAt, mirrored != row.projection
        else { return row }
        let (known, listed) = (millis(knownTime), millis(listedTime))
        guard known >= listed else { return row }
        if known == listed, let read = try await ghl.contact(id: row.id) {
            return try Self.mirror(read, projection: GHLProjection(mapping: mapping).project)
        }
        guard known > listed, let raw = try await store.rawRecord(.ghl, id: row.id) else { return row }
        return try Self.mirror(RawRecord(id: row.id, json: Data(raw.utf8)), projection: GHLProjection(mapping: mapping).project)
    }

    /// The ids of contacts missing from the listing that a direct read confirms are gone; the
    /// others (not yet in the search index) go back into the mirror as read.
    func confirmDeleted(_ ids: [String], ghl: any GHLGateway, projection: GHLProjection) async throws -> [String] {
        var gone: [String] = []
        for id in ids {
            if let contact = try await ghl.contact(id: id) {
                try await store.upsert(.ghl, [try Self.mirror(contact, projection: projection.project)])
            } else {
                gone.append(id)
            }
        }
        return gone
    }

    /// A mirror row for `record`; projection issues (an invalid email) travel in the
    /// projection and are held by the planner with the record id and field named.
    static func mirror(_ record: RawRecord, projection: ([String: Any]) throws -> RecordState) throws -> MirrorRecord {
        let object = record.object
        var state: RecordState
        do {
            state = try projection(object)
        } catch {
            state = RecordState(id: record.id)
            state.issues.append(FieldIssue(field: "id", value: record.id, reason: "\(error)"))
        }
        return MirrorRecord(
            projection: state, raw: String(decoding: record.json, as: UTF8.self), version: object["version"] as? Int)
    }
}
