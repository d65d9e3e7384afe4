import Foundation
import SyncCore
import SyncStore

/// `fgsync reconcile`: snapshot both sides, plan, apply through the journal, report.
public struct ReconcileJob: Sendable {
    let config: MappingConfig
    let store: any StateStore
    let fulcrum: any FulcrumGateway
    let ghl: any GHLGateway
    let options: ReconcileOptions
    let log: @Sendable (String) -> Void
    let newRecordId: @Sendable () -> String
    let checkpoint: @Sendable (CrashPoint) -> Void

    /// Creates a job. `newRecordId` chooses Fulcrum ids for creates (UUIDs by default);
    /// `checkpoint` is called after every journal transition with the pair and its step (a test
    /// hook, a no-op by default).
    public init(
        config: MappingConfig, store: any StateStore, fulcrum: any FulcrumGateway, ghl: any GHLGateway,
        options: ReconcileOptions = ReconcileOptions(), log: @escaping @Sendable (String) -> Void = { _ in },
        newRecordId: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        checkpoint: @escaping @Sendable (CrashPoint) -> Void = { _ in }
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

    /// Runs the phases and returns the report (also written to the report directory):
    /// resolve the mapping, snapshot + recover + plan (the one planning path), propagate, report.
    ///
    /// A run that stops before it could finish on its own (a snapshot error, a token refused on
    /// the first request) is still recorded: its run and a report with the error are stored and
    /// it shows as `failed` in `fgsync status`; the error is rethrown.
    ///
    /// A dry run changes no state file: given the real one, it runs on a scratch copy of it.
    public func run() async throws -> RunReport {
        // Operator mistakes are refused before anything is written anywhere.
        if let directory = options.reportDirectory { try ReportDirectoryCheck.check(directory) }
        if options.dryRun, !ScratchState.holds(store) {
            let scratch = try await ScratchState.copying(store)
            defer { scratch.remove() }
            return try await ReconcileJob(
                config: config, store: scratch.store, fulcrum: fulcrum, ghl: ghl, options: options, log: log,
                newRecordId: newRecordId, checkpoint: checkpoint
            ).run()
        }
        var reading = PlanningPass.Reading.everything
        if options.delta {
            guard let cursors = try await DeltaSnapshotter.startingCursors(store) else {
                throw SyncEngineError(
                    .usage, "no full reconcile has finished its snapshot on this state file yet, so there is nothing to read changes from. Run `fgsync reconcile` first; `fgsync sync` then reads only what changed since")
            }
            // `fgsync sync` also works the events waiting in the inbox (a serve that is down
            // left them): their records are re-read like serve's.
            if let events = options.events {
                reading = .events(events)
            } else {
                reading = .changes(since: cursors, events: try await inboxEvents())
            }
        }
        let started = store.clock.now()
        let runId = try await store.startRun(kind: options.delta ? "delta" : "reconcile", mode: mode)
        do {
            return try await run(runId: runId, started: started, reading: reading)
        } catch {
            await recordUnfinished(runId: runId, started: started, error: error)
            throw error
        }
    }

    /// The phases of run `runId`.
    func run(runId: Int64, started: Date, reading: PlanningPass.Reading) async throws -> RunReport {
        let progress = Progress(report: log)
        let mapping = try await resolveMapping()
        let planner = Planner(settings: PlannerSettings(mapping: mapping, policyOverride: options.policyOverride))
        let pass = try await PlanningPass(
            store: store, mapping: mapping, planner: planner, ghlSearchLag: options.ghlSearchLag
        ).run(
            fulcrum: fulcrum, ghl: ghl, runId: runId, force: options.force, dryRun: options.dryRun, progress: progress,
            reading: reading)
        let conflicts = try await recordConflicts(pass.plan, runId: runId, mapping: mapping)
        progress.note("plan: \(pass.plan.operations.count) operations, \(pass.plan.conflicts.count) conflicts, \(pass.plan.held.count) held")
        let applied = try await propagate(pass, mapping: mapping, runId: runId, progress: progress)
        return try await finish(
            runId: runId, started: started, pass: pass, conflicts: conflicts, applied: applied, mapping: mapping)
    }

    /// A count for the report: absent when zero, so reports without it read as before.
    static func reported(_ count: Int) -> Int? { count == 0 ? nil : count }

    /// `dry-run`, `force` or `apply`.
    var mode: String { options.dryRun ? "dry-run" : options.force ? "force" : "apply" }

    /// The mapping resolved against the live form and the location's custom fields.
    /// An event pass of `serve` reuses the schema a recent pass read (`options.schemaCache`);
    /// every other pass reads it and refreshes the cache.
    func resolveMapping() async throws -> ResolvedMapping {
        let cached = options.events != nil ? options.schemaCache?.fresh() : nil
        let schema: SchemaCache.Schema
        if let cached {
            schema = cached
        } else {
            let form = try await EndpointCheck.first(.fulcrum, config: config) { try await fulcrum.form() }
            // The definitions carry ids, keys and types in one request; a source without them
            // (saved bodies, test doubles) still names its ids.
            let definitions = try await EndpointCheck.first(.ghl, config: config) { try await ghl.customFields() }
            let ids = definitions.isEmpty ? try await EndpointCheck.first(.ghl, config: config) { try await ghl.customFieldIds() } : [:]
            schema = SchemaCache.Schema(form: form, customFieldIds: ids, customFields: definitions)
            options.schemaCache?.store(schema)
        }
        return try ResolvedMapping(
            config: config, form: FormDefinition(json: schema.form, source: "Fulcrum form \(config.fulcrum.id)"),
            ghlCustomFieldIds: schema.customFieldIds, ghlCustomFields: schema.customFields)
    }

    /// Stores the plan's conflicts and returns them named as people know both records, with
    /// their stored ids (named before propagation: the names both records had when they conflicted).
    func recordConflicts(_ plan: Plan, runId: Int64, mapping: ResolvedMapping) async throws -> [PlanDocument.ConflictEntry] {
        // A conflict still open from an earlier run keeps its row (and id): the ids come back in order.
        let storedIds = try await store.recordConflicts(plan.conflicts, runId: runId)
        var named = try await namingConflicts(PlanDocument(plan: plan, mapping: mapping).conflicts, mapping: mapping)
        if storedIds.count == named.count {
            for index in named.indices { named[index].conflictId = storedIds[index] }
        }
        return named
    }

    /// What propagation did: the writes' outcome, the run's result, and the error that stopped it.
    struct Applied: Sendable {
        var outcome = Propagator.Outcome()
        var result: String
        var stopped: (any Error)?
    }

    /// Phase 3: applies the plan unless it is a dry run or a rail refused it.
    func propagate(_ pass: PlanningPass.Outcome, mapping: ResolvedMapping, runId: Int64, progress: Progress) async throws -> Applied {
        let plan = pass.plan
        if plan.refused {
            for rail in plan.rails { progress.note("refused: \(rail.message)") }
            return Applied(result: "refused")
        }
        if options.dryRun { return Applied(result: "dry-run") }
        progress.startApply(total: plan.operations.count)
        var applied = Applied(result: "ok")
        do {
            applied.outcome = try await Propagator(
                store: store, mapping: mapping, planner: pass.planner, fulcrum: fulcrum, ghl: ghl, runId: runId,
                progress: progress, newRecordId: newRecordId, checkpoint: checkpoint,
                decisions: Planner.decisionsByPair(pass.decisions.map(\.decision))
            ).apply(plan, concurrency: options.concurrency)
            try await propagateChildren(plan, mapping: mapping, runId: runId, progress: progress, into: &applied.outcome)
        } catch {
            applied.stopped = error
            applied.result = "auth-failed"
            return applied
        }
        try await store.setMappingHash(mapping.mappingHash)
        if !applied.outcome.failed.isEmpty { applied.result = "failed" }
        return applied
    }

    /// Builds, stores and writes the report; rethrows what stopped the run, once it is recorded.
    func finish(
        runId: Int64, started: Date, pass: PlanningPass.Outcome, conflicts: [PlanDocument.ConflictEntry], applied: Applied,
        mapping: ResolvedMapping
    ) async throws -> RunReport {
        let plan = pass.plan
        var document = PlanDocument(plan: plan, mapping: mapping)
        document.conflicts = conflicts
        let outcome = applied.outcome
        var report = RunReport(
            runId: runId, mode: mode, startedAt: Timestamp.format(started, milliseconds: true),
            finishedAt: Timestamp.format(store.clock.now(), milliseconds: true), outcome: applied.result,
            snapshot: .init(
                fulcrumRecords: pass.snapshot.fulcrum.seen, ghlContacts: pass.snapshot.ghl.seen,
                goneFromFulcrum: pass.snapshot.fulcrum.removedIds.count, goneFromGHL: pass.snapshot.ghl.removedIds.count,
                fulcrumUnchanged: Self.reported(pass.snapshot.fulcrum.unchanged), ghlUnchanged: Self.reported(pass.snapshot.ghl.unchanged)),
            planned: RunReport.counts(plan.operations), applied: RunReport.counts(outcome.applied),
            conflicts: document.conflicts, held: document.held, rails: document.rails,
            failed: outcome.failed.map {
                .init(side: $0.operation.side.rawValue, kind: $0.operation.kind.rawValue,
                      fulcrumId: $0.operation.fulcrumId, contactId: $0.operation.contactId, error: $0.error)
            },
            duplicatesLinked: outcome.duplicatesLinked)
        report.decisionsApplied = pass.decisions.isEmpty ? nil : pass.decisions.count
        if !pass.events.isEmpty || options.events != nil {
            report.events = pass.events.count
            report.echoes = pass.echoes
        }
        if options.dryRun {
            // A dry run shows exactly what a real run would send, and what it would look up first.
            report.operations = document.operations
            report.lookups = pass.lookups
        }
        if config.fulcrum.webURL != nil || config.ghl.webURL != nil {
            report.webLinks = .init(fulcrum: config.fulcrum.webURL, ghl: config.ghl.webURL)
        }
        var counts: [String: Int] = ["conflicts": plan.conflicts.count, "held": plan.held.count, "failed": outcome.failed.count]
        for (side, kinds) in report.applied { for (kind, count) in kinds { counts["\(side).\(kind)"] = count } }
        if let stopped = applied.stopped {
            // The run is recorded and reported as far as it went; the auth error is what the caller sees.
            try? await store.finishRun(runId, outcome: applied.result, counts: counts)
            try? await store.saveRunReport(runId: runId, json: try report.json())
            if let directory = options.reportDirectory { try? options.reportWriter.write(report, to: directory) }
            throw SyncEngineError(.auth, "the run stopped: \(stopped). Writes made so far are recorded; fix the credentials (fgsync auth ghl --refresh, or the token variables) and run again")
        }
        try await store.finishRun(runId, outcome: applied.result, counts: counts)
        try await store.saveRunReport(runId: runId, json: try report.json())
        // A decision is used up once a run that planned with it applied everything it planned.
        if applied.result == "ok" { try await store.markDecisionsApplied(ids: pass.decisions.map(\.id), runId: runId) }
        // A delta pass moves its cursors only once everything it read is applied: otherwise the
        // next pass reads the same window again (an unchanged row plans nothing).
        // A write that failed does not hold the cursors back (a record GHL keeps refusing would
        // make every pass re-read a growing window): its pair is planned again by the next pass.
        if applied.result == "ok" || applied.result == "failed", let next = pass.nextCursors {
            let retry = PlanScope(
                fulcrumIds: Set(outcome.failed.compactMap(\.operation.fulcrumId)), contactIds: Set(outcome.failed.compactMap(\.operation.contactId)))
            try await DeltaSnapshotter.store(next, retry: retry, in: store)
        }
        // Webhook events are done once their records' writes are: an event whose record had a
        // write fail stays in the inbox for the next try.
        if case let events = pass.events, !events.isEmpty, !options.dryRun, applied.result == "ok" || applied.result == "failed" {
            try await store.markInboxEventsProcessed(ids: try await settledEvents(events, failed: outcome.failed))
        }
        if let directory = options.reportDirectory { try options.reportWriter.write(report, to: directory) }
        return report
    }
}

// MARK: - Report helpers

extension ReconcileJob {
    /// Adds the names people know both records by (first and last name from the mirrors).
    func namingConflicts(_ conflicts: [PlanDocument.ConflictEntry], mapping: ResolvedMapping) async throws -> [PlanDocument.ConflictEntry] {
        guard !conflicts.isEmpty else { return conflicts }
        let nameKeys = ["firstName", "lastName", "name"].compactMap { name in
            mapping.fields.first { $0.ghl == .standard(name) }?.key
        }
        var cache: [String: String?] = [:]
        func name(_ side: Side, _ id: String) async throws -> String? {
            if let known = cache["\(side.rawValue):\(id)"] { return known }
            let fields = try await store.record(side, id: id)?.fields ?? [:]
            var parts = nameKeys.prefix(2).compactMap { fields[$0]?.text }.filter { !$0.isEmpty }
            if parts.isEmpty, nameKeys.count > 2, let full = fields[nameKeys[2]]?.text { parts = [full] }
            let found = parts.isEmpty ? nil : parts.joined(separator: " ")
            cache["\(side.rawValue):\(id)"] = found
            return found
        }
        var named: [PlanDocument.ConflictEntry] = []
        for var entry in conflicts {
            entry.fulcrumName = try await name(.fulcrum, entry.fulcrumId)
            entry.ghlName = try await name(.ghl, entry.contactId)
            named.append(entry)
        }
        return named
    }
}
