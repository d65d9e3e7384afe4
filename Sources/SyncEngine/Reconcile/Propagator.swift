import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// Phase 3, propagate: runs a plan's writes through the journal.
///
/// Invariants (DESIGN.md "Crash safety"):
/// - every write is journalled `pending` before it is sent and `done` (with the server's
///   answer) after; the pair's base and mirrors advance in the same transaction as its last
///   `done`, so the base only ever records completed writes;
/// - every write is verified from the server's answer (the record it returns), never by search;
/// - Fulcrum creates carry a client-chosen id recorded in the journal before the call, and GHL
///   creates carry the Fulcrum id in the link field, so a create whose answer was lost is found
///   again instead of duplicated;
/// - a pair whose write fails keeps its old base: the next run re-plans it.
struct Propagator: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    let planner: Planner
    let fulcrum: any FulcrumGateway
    let ghl: any GHLGateway
    let runId: Int64
    let progress: Progress
    let newRecordId: @Sendable () -> String
    /// Test hook: called after every journal transition; the crash-safety test kills the process here.
    let checkpoint: @Sendable (CrashPoint) -> Void
    /// People's decisions by Fulcrum id, then field, for pairs planned again while written.
    var decisions: [String: [String: ConflictDecision]] = [:]

    /// What applying a plan did.
    struct Outcome: Sendable {
        var applied: [SyncCore.Operation] = []
        var failed: [OperationFailure] = []
        var duplicatesLinked = 0
    }

    /// Applies every pair; a write that fails is recorded and the run goes on, except an
    /// authentication failure (after the client's one refresh), which stops the run: every
    /// further write would fail the same way.
    ///
    /// Pairs are independent (a record belongs to one pair), so up to `concurrency` pairs are
    /// in flight at once: while one waits for Fulcrum, another keeps GHL's rate window busy.
    /// Each pair's own writes stay in order.
    func apply(_ plan: Plan, concurrency: Int) async throws -> Outcome {
        var outcome = Outcome()
        var pending = plan.pairs.makeIterator()
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            func startNext() -> Bool {
                guard let pair = pending.next() else { return false }
                group.addTask {
                    var result = Outcome()
                    let checkpoints = PairCheckpoints(fulcrumId: pair.fulcrumId, contactId: pair.contactId)
                    try await PairCheckpoints.$current.withValue(checkpoints) {
                        try await apply(pair, depth: 0, into: &result)
                    }
                    return result
                }
                return true
            }
            for _ in 0..<max(1, concurrency) where !startNext() { break }
            while let result = try await group.next() {
                outcome.applied += result.applied
                outcome.failed += result.failed
                outcome.duplicatesLinked += result.duplicatesLinked
                _ = startNext()
            }
        }
        return outcome
    }

    func apply(_ pair: PlannedPair, depth: Int, into outcome: inout Outcome) async throws {
        guard !pair.operations.isEmpty else {
            // Nothing to send, yet the agreed state moved (both sides made the same change, or
            // both sides are gone): record it, or the next run diffs against a stale base.
            if pair.baseChanged { await recordBaseOnly(pair) }
            return
        }
        var operations = pair.operations
        for index in operations.indices where operations[index].side == .fulcrum && operations[index].kind == .create {
            operations[index].fulcrumId = newRecordId()
        }
        let entries: [JournalEntry]
        do {
            entries = try await store.appendJournal(runId: runId, operations: operations)
            reached("journalled")
        } catch {
            outcome.failed += operations.map { OperationFailure(operation: $0, error: "the journal could not be written: \(error)") }
            return
        }
        var pairState = PairWrite(pair: pair, entries: entries, mapping: mapping)
        pairState.depth = depth
        do {
            try await execute(&pairState, depth: depth, outcome: &outcome)
        } catch let failure as WriteFailure {
            await record(failure, state: pairState, outcome: &outcome)
            if let cause = failure.cause as? APIError, cause.isAuthFailure { throw cause }
        } catch {
            await record(WriteFailure(entry: pairState.current, message: "\(error)", cause: error), state: pairState, outcome: &outcome)
            if let cause = error as? APIError, cause.isAuthFailure { throw cause }
        }
    }

    /// Calls the test hook with the current pair's next point.
    func reached(_ label: String) {
        guard let pair = PairCheckpoints.current else { return }
        checkpoint(pair.next(label))
    }

    /// Advances the base of a pair that needs no write.
    private func recordBaseOnly(_ pair: PlannedPair) async {
        do {
            if let base = pair.newBase {
                try await store.recordBase(base)
            } else if let fulcrumId = pair.fulcrumId {
                try await store.removeBase(fulcrumId: fulcrumId)
            }
        } catch {
            progress.note("the agreed state of Fulcrum record \(pair.fulcrumId ?? "?") / GHL contact \(pair.contactId ?? "?") could not be recorded (\(error)); the next run plans the pair again")
        }
    }

    private func record(_ failure: WriteFailure, state: PairWrite, outcome: inout Outcome) async {
        var failure = failure
        if let gone = await forgetDeletedTarget(of: failure, state: state) { failure.message += gone }
        for entry in state.entries where !state.settled.contains(entry.id) {
            let message = entry.id == failure.entry?.id
                ? failure.message : "not attempted: an earlier write for this pair failed (\(failure.message))"
            // A create whose outcome is unknown stays pending: the next run's Recovery looks it up.
            if !(failure.outcomeUnknown && entry.id == failure.entry?.id) {
                try? await store.failJournal(entry.id, error: message)
            }
            if entry.id == failure.entry?.id || failure.entry == nil {
                outcome.failed.append(OperationFailure(operation: entry.operation, error: message))
                progress.applied(failed: true)
            }
        }
    }
}

extension Propagator {
    /// When a write was answered 404, its target was deleted since the snapshot: it leaves the
    /// mirror (kept in `audit`), so the next run settles the pair as deleted on that side
    /// (modify beats delete), as a full snapshot would have. Returns what to add to the message.
    fileprivate func forgetDeletedTarget(of failure: WriteFailure, state: PairWrite) async -> String? {
        guard let cause = failure.cause as? APIError, cause.isNotFound, let entry = failure.entry,
            entry.operation.kind != .create, entry.operation.kind != .delete
        else { return nil }
        let side = entry.operation.side
        guard let id = side == .fulcrum ? state.fulcrumId : state.contactId else { return nil }
        let name = side == .fulcrum ? "Fulcrum" : "GHL"
        do {
            try await store.remove(side, ids: [id], runId: runId, reason: "deleted in \(name): a write answered 404")
        } catch {
            return nil
        }
        return "; it was deleted in \(name) since it was read, so the next run settles the pair as deleted there"
    }
}

/// A write that failed, with the journal entry it belongs to.
struct WriteFailure: Error {
    var entry: JournalEntry?
    var message: String
    /// The error that caused it, when one did.
    var cause: (any Error)?
    /// The write may have been carried out (its answer was lost); its journal entry stays pending.
    var outcomeUnknown = false
}
