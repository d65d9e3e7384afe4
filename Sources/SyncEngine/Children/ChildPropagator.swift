import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// Phase 3 for children: runs each pair's child writes through the journal, after the pairs'
/// own writes (so a pair created in this run has both ids).
///
/// Invariants (DESIGN.md "Crash safety", "Children"):
/// - every child write is journalled `pending` before it is sent and `done` after; the pair's
///   agreed children are recorded in the transaction that marks its last write done, and only
///   when every child write of the pair completed;
/// - GHL writes go first, one by one (a create answers with the id the Fulcrum item needs);
///   then all of the pair's Fulcrum child writes go in one whole-record PUT of the record read
///   just before. When that record's `version` moved since the snapshot and its items changed,
///   the Fulcrum writes are not sent (the edit made meanwhile is not overwritten) and the next
///   run plans the pair again; when only other fields changed, the PUT carries them unchanged;
/// - a GHL create is recorded as agreed with its item (GHL id, item id, the values sent) in the
///   transaction that marks it done, so a crash or a failed Fulcrum write after it leaves the
///   item linked to that child: the next run writes the id back and diffs the item against
///   what was sent (an edit made since is an update, never a second child);
/// - after a crash nothing is repeated blind: an interrupted entry is settled by `Recovery`
///   (a GHL create whose answer was lost is found among the contact's children by what its
///   journal entry sent), and the pair is listed and planned again.
struct ChildPropagator: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    let fulcrum: any FulcrumGateway
    let ghl: any GHLChildGateway
    let runId: Int64
    let progress: Progress
    let newItemId: @Sendable () -> String
    /// Test hook: called after every journal transition and answer (the crash-safety tests kill here).
    let checkpoint: @Sendable (CrashPoint) -> Void

    /// Applies every pair's child writes into `outcome`. A write that fails fails its pair's
    /// child writes and the next pair goes on, as for the contacts (`Propagator.apply`), except
    /// an authentication failure (after the client's one refresh), which stops the run: every
    /// further write would fail the same way. What was applied or failed before is in `outcome`.
    func apply(_ children: [PlannedChildren], into outcome: inout Propagator.Outcome) async throws {
        for planned in children where !planned.operations.isEmpty || !planned.newBase.isEmpty {
            try await apply(planned, into: &outcome)
        }
    }

    /// Calls the test hook with the pair's next child point; child steps count from 1001 so
    /// they never share a number with the pair's own steps.
    func reached(_ label: String) {
        guard let pair = PairCheckpoints.current else { return }
        var point = pair.next("child " + label)
        point.step += 1_000
        checkpoint(point)
    }

    private func apply(_ planned: PlannedChildren, into outcome: inout Propagator.Outcome) async throws {
        // A pair created in this run: its new id was linked by the pair's own writes.
        var fulcrumId = planned.fulcrumId
        var contactId = planned.contactId
        if fulcrumId == nil, let contactId { fulcrumId = try await store.linkedRecord(contactId: contactId) }
        if contactId == nil, let fulcrumId { contactId = try await store.linkedContact(fulcrumId: fulcrumId) }
        guard let fulcrumId, let contactId else {
            outcome.failed += planned.operations.map {
                OperationFailure(operation: $0, error: "the pair's record was not created, so its children wait for the next run")
            }
            return
        }
        try await PairCheckpoints.$current.withValue(PairCheckpoints(fulcrumId: fulcrumId, contactId: contactId)) {
            try await write(planned, fulcrumId: fulcrumId, contactId: contactId, into: &outcome)
        }
    }

    private func write(_ planned: PlannedChildren, fulcrumId: String, contactId: String, into outcome: inout Propagator.Outcome) async throws {
        var operations = planned.operations
        for index in operations.indices {
            operations[index].fulcrumId = fulcrumId
            operations[index].contactId = contactId
        }
        let entries = try await store.appendJournal(runId: runId, operations: operations)
        reached("journalled")
        var write = ChildWrite(fulcrumId: fulcrumId, contactId: contactId, entries: entries)
        do {
            try await writeGHL(&write, outcome: &outcome)
            let answer = try await writeFulcrum(&write, outcome: &outcome)
            let base = planned.newBase.map { entry in
                var entry = entry
                if entry.ghlId.isEmpty { entry.ghlId = write.ghlIds[entry.fulcrumItemId] ?? "" }
                if entry.fulcrumItemId.isEmpty { entry.fulcrumItemId = write.itemIds[entry.ghlId] ?? "" }
                entry.fields.merge(write.filled[entry.fulcrumItemId] ?? [:]) { $1 }
                return entry
            }.filter { !$0.ghlId.isEmpty && !$0.fulcrumItemId.isEmpty }
            let pending = write.entries.filter { !write.done.contains($0.id) }.map(\.id)
            try await store.completeChildren(
                fulcrumId: fulcrumId, contactId: contactId, children: base, journal: pending,
                fulcrumRecord: try answer.map { try Snapshotter.mirror($0, projection: FulcrumProjection(mapping: mapping).project) })
            reached("recorded")
            outcome.applied += write.entries.filter { $0.operation.side == .fulcrum }.map(\.operation)
        } catch {
            let failure = error as? WriteFailure
                ?? WriteFailure(entry: nil, message: "the child writes of \(Self.pairName(fulcrumId: fulcrumId, contactId: contactId)) stopped: \(error); the next run lists its children and plans them again", cause: error)
            await record(failure, write: write, into: &outcome)
            if let cause = failure.cause as? APIError, cause.isAuthFailure { throw cause }
        }
    }

    /// Records a pair's failed child writes: the one that failed (and, for a Fulcrum write,
    /// every child item the same whole-record PUT carried) is reported, the rest are marked
    /// not attempted; the pair's listing is forgotten so the next run lists and plans it again.
    /// A GHL create whose answer was lost stays `pending`: the next run's `Recovery` looks it up.
    private func record(_ failure: WriteFailure, write: ChildWrite, into outcome: inout Propagator.Outcome) async {
        let carried: Set<Int64>
        if let failed = failure.entry, failed.operation.side == .fulcrum {
            carried = Set(write.entries.filter { $0.operation.side == .fulcrum }.map(\.id))
        } else {
            carried = failure.entry.map { [$0.id] } ?? Set(write.entries.map(\.id))
        }
        let retry = failure.outcomeUnknown || failure.message.contains("next run")
            ? "" : "; the next run lists the pair's children and plans them again"
        for entry in write.entries where !write.done.contains(entry.id) {
            let message: String
            if entry.id == failure.entry?.id || failure.entry == nil {
                message = failure.entry == nil ? failure.message : failure.message + retry
            } else if carried.contains(entry.id) {
                message = "\(Self.describe(entry.operation)): carried by the same Fulcrum record write, which failed (\(failure.message))\(retry)"
            } else {
                message = "\(Self.describe(entry.operation)): not attempted, an earlier child write of this pair failed (\(failure.message))\(retry)"
            }
            if !(failure.outcomeUnknown && entry.id == failure.entry?.id) { try? await store.failJournal(entry.id, error: message) }
            if carried.contains(entry.id) {
                outcome.failed.append(OperationFailure(operation: entry.operation, error: message))
                progress.applied(failed: true)
            }
        }
        // Listed again next run, whatever moved.
        try? await store.forgetGHLChildren(contactId: write.contactId)
    }

    /// A child write named for a person: the operation, the child (GHL id, else Fulcrum item
    /// id), the fields it carries, and the pair.
    static func describe(_ operation: SyncCore.Operation) -> String {
        let fields = operation.fields.keys.sorted()
        let child = (operation.childId ?? operation.childItemId).map { " \($0)" } ?? ""
        let kind = operation.kind.childKind?.word ?? "child"
        return "\(operation.kind.rawValue) of \(kind)\(child)\(fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))") of "
            + pairName(fulcrumId: operation.fulcrumId, contactId: operation.contactId)
    }

    /// `Fulcrum record F / GHL contact C`.
    static func pairName(fulcrumId: String?, contactId: String?) -> String {
        "Fulcrum record \(fulcrumId ?? "(new)") / GHL contact \(contactId ?? "(new)")"
    }
}

/// One pair's child writes in progress: the ids creates answered with, the entries done.
struct ChildWrite: Sendable {
    let fulcrumId: String
    let contactId: String
    let entries: [JournalEntry]
    /// GHL ids of the children created in GHL, by Fulcrum item id.
    var ghlIds: [String: String] = [:]
    /// Fulcrum item ids of the children created in Fulcrum, by GHL id.
    var itemIds: [String: String] = [:]
    var done: Set<Int64> = []
    /// Values GHL filled in on a create (a task's required due date and flag), by Fulcrum item id.
    var filled: [String: [String: FieldValue]] = [:]
    /// Fulcrum writes of those values, sent with the pair's record write so both sides agree.
    var fillIns: [SyncCore.Operation] = []

    /// Records what GHL's answer to a create holds beyond what was sent (its defaults), so the
    /// Fulcrum item gets the same values and the base records them.
    mutating func filledIn(itemId: String, planned: SyncCore.Operation, created: RawRecord, projection: ChildProjection) {
        guard let kind = planned.kind.childKind, let item = projection.ghlItem(created.object, kind: kind) else { return }
        let extra = item.fields.filter { planned.fields[$0.key] == nil }
        guard !extra.isEmpty else { return }
        filled[itemId] = extra
        var fill = SyncCore.Operation(
            side: .fulcrum, kind: kind == .task ? .updateTask : .updateNote, fulcrumId: fulcrumId, contactId: contactId,
            fields: extra.mapValues { Optional($0) }, note: "values GHL filled in on create")
        fill.childItemId = itemId
        fillIns.append(fill)
    }
}
