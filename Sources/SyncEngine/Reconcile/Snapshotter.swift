import Foundation
import SyncCore
import SyncStore

/// Phase 1, update detection: pages through both APIs and upserts each record's raw JSON and
/// canonical projection into that side's mirror, one transaction per page.
///
/// Memory does not grow with the number of records: each page is projected, written and
/// dropped. A full snapshot ends by removing the mirror rows it did not see (kept in `audit`):
/// those records were deleted on that side.
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
            try store.ingest(.ghl, try page.map { try Self.mirror($0, projection: ghlProjection.project) }, snapshot: ghlSeq)
            progress.page(.ghl, records: page.count)
        }
        return Outcome(
            fulcrum: try store.finishSnapshot(.fulcrum, snapshot: fulcrumSeq, runId: runId),
            ghl: try store.finishSnapshot(.ghl, snapshot: ghlSeq, runId: runId),
            pages: progress.pages)
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
