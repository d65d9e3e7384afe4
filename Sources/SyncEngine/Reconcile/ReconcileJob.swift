import Foundation
import SyncCore
import SyncStore

/// `fgsync reconcile`: snapshot both sides, plan, apply through the journal, report.
public struct ReconcileJob: Sendable {
    let config: MappingConfig
    let store: StateStore
    let fulcrum: any FulcrumGateway
    let ghl: any GHLGateway
    let options: ReconcileOptions
    let log: @Sendable (String) -> Void
    let newRecordId: @Sendable () -> String
    let checkpoint: @Sendable () -> Void

    /// Creates a job. `newRecordId` chooses Fulcrum ids for creates (UUIDs by default);
    /// `checkpoint` is called after every journal transition (a test hook, a no-op by default).
    public init(
        config: MappingConfig, store: StateStore, fulcrum: any FulcrumGateway, ghl: any GHLGateway,
        options: ReconcileOptions = ReconcileOptions(), log: @escaping @Sendable (String) -> Void = { _ in },
        newRecordId: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        checkpoint: @escaping @Sendable () -> Void = {}
    ) {
        self.config = config
        self.store = store
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.options = options
        self.log = log
        self.newRecordId = newRecordId
        self.checkpoint = checkpoint
    }

    /// Runs the three phases and returns the report (also written to the report directory).
    public func run() async throws -> RunReport {
        let started = store.clock.now()
        let mode = options.dryRun ? "dry-run" : options.force ? "force" : "apply"
        let runId = try store.startRun(kind: "reconcile", mode: mode)
        let progress = Progress(report: log)

        let mapping = try ResolvedMapping(
            config: config,
            form: FormDefinition(json: try await fulcrum.form(), source: "Fulcrum form \(config.fulcrum.id)"),
            ghlCustomFieldIds: try await ghl.customFieldIds())
        let planner = Planner(settings: PlannerSettings(mapping: mapping, policyOverride: options.policyOverride))

        progress.note("snapshot: reading both sides")
        let snapshot = try await Snapshotter(store: store, mapping: mapping).run(
            fulcrum: fulcrum, ghl: ghl, runId: runId, progress: progress)
        try await Recovery(store: store, mapping: mapping, fulcrum: fulcrum, ghl: ghl).run()

        progress.note("plan: diffing every pair against the base")
        let plan = try PlanPhase(store: store, planner: planner).plan(force: options.force)
        try store.recordConflicts(plan.conflicts, runId: runId)
        progress.note("plan: \(plan.operations.count) operations, \(plan.conflicts.count) conflicts, \(plan.held.count) held")

        var outcome = Propagator.Outcome()
        var result = options.dryRun ? "dry-run" : "ok"
        if plan.refused {
            result = "refused"
            for rail in plan.rails { progress.note("refused: \(rail.message)") }
        } else if !options.dryRun {
            do {
                outcome = try await Propagator(
                    store: store, mapping: mapping, planner: planner, fulcrum: fulcrum, ghl: ghl, runId: runId,
                    progress: progress, newRecordId: newRecordId, checkpoint: checkpoint
                ).apply(plan)
            } catch {
                try? store.finishRun(runId, outcome: "auth-failed")
                throw SyncEngineError(.auth, "the run stopped: \(error). Writes made so far are recorded; fix the credentials (fgsync auth ghl --refresh, or the token variables) and run again")
            }
            try store.setMappingHash(mapping.mappingHash)
            if !outcome.failed.isEmpty { result = "failed" }
        }

        let document = PlanDocument(plan: plan, mapping: mapping)
        let report = RunReport(
            runId: runId, mode: mode, startedAt: Timestamp.format(started, milliseconds: true),
            finishedAt: Timestamp.format(store.clock.now(), milliseconds: true), outcome: result,
            snapshot: .init(
                fulcrumRecords: snapshot.fulcrum.seen, ghlContacts: snapshot.ghl.seen,
                goneFromFulcrum: snapshot.fulcrum.removedIds.count, goneFromGHL: snapshot.ghl.removedIds.count),
            planned: RunReport.counts(plan.operations), applied: RunReport.counts(outcome.applied),
            conflicts: document.conflicts, held: document.held, rails: document.rails,
            failed: outcome.failed.map {
                .init(side: $0.operation.side.rawValue, kind: $0.operation.kind.rawValue,
                      fulcrumId: $0.operation.fulcrumId, contactId: $0.operation.contactId, error: $0.error)
            },
            duplicatesLinked: outcome.duplicatesLinked)
        var counts: [String: Int] = ["conflicts": plan.conflicts.count, "held": plan.held.count, "failed": outcome.failed.count]
        for (side, kinds) in report.applied { for (kind, count) in kinds { counts["\(side).\(kind)"] = count } }
        try store.finishRun(runId, outcome: result, counts: counts)
        if let directory = options.reportDirectory { try report.write(to: directory) }
        return report
    }
}
