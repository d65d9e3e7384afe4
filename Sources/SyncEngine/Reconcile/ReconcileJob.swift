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
        // Operator mistakes are refused before anything is written anywhere.
        if let directory = options.reportDirectory { try ReportDirectoryCheck.check(directory) }
        let started = store.clock.now()
        let mode = options.dryRun ? "dry-run" : options.force ? "force" : "apply"
        let runId = try store.startRun(kind: "reconcile", mode: mode)
        let progress = Progress(report: log)

        let mapping = try ResolvedMapping(
            config: config,
            form: FormDefinition(
                json: try await EndpointCheck.first(.fulcrum, config: config) { try await fulcrum.form() },
                source: "Fulcrum form \(config.fulcrum.id)"),
            ghlCustomFieldIds: try await EndpointCheck.first(.ghl, config: config) { try await ghl.customFieldIds() })
        let planner = Planner(settings: PlannerSettings(mapping: mapping, policyOverride: options.policyOverride))

        progress.note("snapshot: reading both sides")
        let snapshot = try await Snapshotter(store: store, mapping: mapping).run(
            fulcrum: fulcrum, ghl: ghl, runId: runId, progress: progress)
        try await Recovery(store: store, mapping: mapping, fulcrum: fulcrum, ghl: ghl).run()

        progress.note("plan: diffing every pair against the base")
        let pending = try store.pendingDecisions()
        let plan = try PlanPhase(store: store, planner: planner).plan(force: options.force, decisions: Self.decisionMap(pending))
        try store.recordConflicts(plan.conflicts, runId: runId)
        // Named before propagation, so the report shows the names both records had when they conflicted.
        var namedConflicts = try namingConflicts(PlanDocument(plan: plan, mapping: mapping).conflicts, mapping: mapping)
        let storedIds = try store.conflicts(runId: runId).map(\.id)
        if storedIds.count == namedConflicts.count {
            for index in namedConflicts.indices { namedConflicts[index].conflictId = storedIds[index] }
        }
        progress.note("plan: \(plan.operations.count) operations, \(plan.conflicts.count) conflicts, \(plan.held.count) held")

        var outcome = Propagator.Outcome()
        var stopped: (any Error)?
        var result = options.dryRun ? "dry-run" : "ok"
        if plan.refused {
            result = "refused"
            for rail in plan.rails { progress.note("refused: \(rail.message)") }
        } else if !options.dryRun {
            progress.startApply(total: plan.operations.count)
            do {
                outcome = try await Propagator(
                    store: store, mapping: mapping, planner: planner, fulcrum: fulcrum, ghl: ghl, runId: runId,
                    progress: progress, newRecordId: newRecordId, checkpoint: checkpoint
                ).apply(plan, concurrency: options.concurrency)
            } catch {
                stopped = error
                result = "auth-failed"
            }
            if stopped == nil {
                try store.setMappingHash(mapping.mappingHash)
                if !outcome.failed.isEmpty { result = "failed" }
            }
        }

        var document = PlanDocument(plan: plan, mapping: mapping)
        document.conflicts = namedConflicts
        var report = RunReport(
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
        report.decisionsApplied = pending.isEmpty ? nil : pending.count
        if config.fulcrum.webURL != nil || config.ghl.webURL != nil {
            report.webLinks = .init(fulcrum: config.fulcrum.webURL, ghl: config.ghl.webURL)
        }
        var counts: [String: Int] = ["conflicts": plan.conflicts.count, "held": plan.held.count, "failed": outcome.failed.count]
        for (side, kinds) in report.applied { for (kind, count) in kinds { counts["\(side).\(kind)"] = count } }
        if let stopped {
            // The run is recorded and reported as far as it went; the auth error is what the caller sees.
            try? store.finishRun(runId, outcome: result, counts: counts)
            try? store.saveRunReport(runId: runId, json: try report.json())
            if let directory = options.reportDirectory { try? options.reportWriter.write(report, to: directory) }
            throw SyncEngineError(.auth, "the run stopped: \(stopped). Writes made so far are recorded; fix the credentials (fgsync auth ghl --refresh, or the token variables) and run again")
        }
        try store.finishRun(runId, outcome: result, counts: counts)
        try store.saveRunReport(runId: runId, json: try report.json())
        // A decision is used up once a run that planned with it applied everything it planned.
        if result == "ok" { try store.markDecisionsApplied(ids: pending.map(\.id), runId: runId) }
        if let directory = options.reportDirectory { try options.reportWriter.write(report, to: directory) }
        return report
    }
}

// MARK: - Report helpers

extension ReconcileJob {
    /// People's decisions by Fulcrum id, then field; a later decision on a field replaces an earlier one.
    static func decisionMap(_ decisions: [StoredDecision]) -> [String: [String: ConflictDecision]] {
        decisions.reduce(into: [:]) { $0[$1.decision.fulcrumId, default: [:]][$1.decision.field] = $1.decision }
    }

    /// Adds the names people know both records by (first and last name from the mirrors).
    func namingConflicts(_ conflicts: [PlanDocument.ConflictEntry], mapping: ResolvedMapping) throws -> [PlanDocument.ConflictEntry] {
        guard !conflicts.isEmpty else { return conflicts }
        let nameKeys = ["firstName", "lastName", "name"].compactMap { name in
            mapping.fields.first { $0.ghl == .standard(name) }?.key
        }
        var cache: [String: String?] = [:]
        func name(_ side: Side, _ id: String) throws -> String? {
            if let known = cache["\(side.rawValue):\(id)"] { return known }
            let fields = try store.record(side, id: id)?.fields ?? [:]
            var parts = nameKeys.prefix(2).compactMap { fields[$0]?.text }.filter { !$0.isEmpty }
            if parts.isEmpty, nameKeys.count > 2, let full = fields[nameKeys[2]]?.text { parts = [full] }
            let found = parts.isEmpty ? nil : parts.joined(separator: " ")
            cache["\(side.rawValue):\(id)"] = found
            return found
        }
        return try conflicts.map { entry in
            var entry = entry
            entry.fulcrumName = try name(.fulcrum, entry.fulcrumId)
            entry.ghlName = try name(.ghl, entry.contactId)
            return entry
        }
    }
}
