import Foundation
import SyncCore
import SyncStore

/// Phase 1, update detection: pages through both APIs and upserts each record's raw JSON and
/// canonical projection into that side's mirror, one transaction per page.
///
/// Memory does not grow with the number of records: each page is projected, written and
/// dropped. A full snapshot ends by removing the mirror rows it did not see (kept in `audit`):
/// those records were deleted on that side. GHL lists through a search index that lags behind
/// writes, so there a missing contact counts as deleted only once a direct read confirms it,
/// and a listed row older than the mirror's never replaces it.
struct Snapshotter: Sendable {
    let store: StateStore
    let mapping: ResolvedMapping

    /// What both snapshots saw.
    struct Outcome: Sendable {
        var fulcrum: SnapshotOutcome
        var ghl: SnapshotOutcome
        var pages: Int
    }

    func run(fulcrum: any FulcrumGateway, ghl: any GHLGateway, runId: Int64, progress: Progress) async throws -> Outcome {
        let fulcrumProjection = FulcrumProjection(mapping: mapping)
        let ghlProjection = GHLProjection(mapping: mapping)
        let fulcrumSeq = try store.beginSnapshot(.fulcrum)
        try await fulcrum.records { page in
            try store.ingest(.fulcrum, try page.map { try Self.mirror($0, projection: fulcrumProjection.project) }, snapshot: fulcrumSeq)
            progress.page(.fulcrum, records: page.count)
        }
        let ghlSeq = try store.beginSnapshot(.ghl)
        try await ghl.contacts { page in
            let rows = try page.map { try Self.mirror($0, projection: ghlProjection.project) }
            try store.ingest(.ghl, try rows.map(newestGHLRow), snapshot: ghlSeq)
            progress.page(.ghl, records: page.count)
        }
        let fulcrumOutcome = try store.finishSnapshot(.fulcrum, snapshot: fulcrumSeq, runId: runId)
        var ghlOutcome = try store.finishSnapshot(.ghl, snapshot: ghlSeq, runId: runId)
        if ghlOutcome.seen > 0 {
            // An empty listing is left to the empty-snapshot rail rather than read id by id.
            ghlOutcome.removedIds = try await confirmDeleted(ghlOutcome.removedIds, ghl: ghl, projection: ghlProjection)
        }
        return Outcome(fulcrum: fulcrumOutcome, ghl: ghlOutcome, pages: progress.pages)
    }

    // MARK: - GHL search lags behind writes

    // GHL lists contacts through its search index, which shows a write only some seconds later
    // (ghl.md). A run right after another would otherwise take the index's stale rows for
    // changes (undoing what the last run wrote) and contacts it does not show yet for deletes.

    /// The mirror's row instead of `row` when the mirror holds that contact as of a later
    /// `dateUpdated`, or of the same one with other values (our tag calls answer with the tags
    /// only, so the mirror keeps the old `dateUpdated` with the new tags).
    func newestGHLRow(_ row: MirrorRecord) throws -> MirrorRecord {
        guard let listed = row.projection.updatedAt, let mirrored = try store.record(.ghl, id: row.id),
            let known = mirrored.updatedAt, known > listed || (known == listed && mirrored != row.projection),
            let raw = try store.rawRecord(.ghl, id: row.id)
        else { return row }
        return try Self.mirror(RawRecord(id: row.id, json: Data(raw.utf8)), projection: GHLProjection(mapping: mapping).project)
    }

    /// The ids of contacts missing from the listing that a direct read confirms are gone; the
    /// others (not yet in the search index) go back into the mirror as read.
    func confirmDeleted(_ ids: [String], ghl: any GHLGateway, projection: GHLProjection) async throws -> [String] {
        var gone: [String] = []
        for id in ids {
            if let contact = try await ghl.contact(id: id) {
                try store.upsert(.ghl, [try Self.mirror(contact, projection: projection.project)])
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
