import Foundation
import SyncCore
import SyncEngine
import SyncReports
import SyncStore

/// The data of each page, read fresh for every request through the console's one read-only
/// store (`reader`): counts and the first page of each list, never a whole table.
extension Console {
    /// The navigation, with `current` marked.
    func frame(_ title: String, current: String, session: ConsoleSession, flash: String?, live: Bool = false)
        -> ConsoleViews.Frame
    {
        let pages = [
            ("/console", "Overview"), ("/console/conflicts", "Conflicts"), ("/console/held", "Held items"),
            ("/console/failures", "Failures"), ("/console/runs", "Runs"), ("/console/rails", "Rails"),
        ]
        return .init(
            title: title, csrf: session.csrf, flash: flash,
            nav: pages.map { .init(href: $0.0, label: $0.1, current: $0.0 == current) },
            live: live)
    }

    static func runLine(_ record: RunRecord) -> ConsoleViews.RunLine {
        line(
            id: record.id, kind: record.kind, mode: record.mode,
            startedAt: Timestamp.format(record.startedAt, milliseconds: false),
            finishedAt: record.finishedAt.map { Timestamp.format($0, milliseconds: false) },
            outcome: record.outcome,
            counts: record.counts)
    }

    static func runLine(_ run: StatusJob.Status.Run) -> ConsoleViews.RunLine {
        line(
            id: run.id, kind: run.kind, mode: run.mode, startedAt: run.startedAt, finishedAt: run.finishedAt,
            outcome: run.outcome, counts: run.counts)
    }

    static func line(
        id: Int64, kind: String, mode: String, startedAt: String, finishedAt: String?, outcome: String?,
        counts: [String: Int]
    ) -> ConsoleViews.RunLine {
        let shown = outcome ?? "unfinished"
        let tone = ["ok", "dry-run"].contains(shown) ? "good" : (shown == "unfinished" ? "warn" : "bad")
        return .init(
            id: id, kind: kind, mode: mode, startedAt: startedAt, finishedAt: finishedAt, outcome: shown,
            tone: tone,
            writes: counts.filter { $0.key.contains(".") }.values.reduce(0, +),
            conflicts: counts["conflicts"] ?? 0,
            held: counts["held"] ?? 0, failed: counts["failed"] ?? 0,
            reportHref: outcome == nil ? nil : "/console/runs/\(id)/report")
    }

    func overview(_ frame: ConsoleViews.Frame) async throws -> ConsoleViews.Overview {
        let status = try await StatusJob(state: state, runs: 300).run(store: reader)
        // Poll passes that found nothing would flatten the chart: it shows the runs that did something.
        let active = status.runs.map(Self.runLine).filter {
            $0.outcome != "unfinished" && $0.writes + $0.conflicts + $0.failed > 0
        }
        let webhooks = try await reader.inboxReceived(since: now().addingTimeInterval(-3_600))
        let depth = try await reader.inboxDepth()
        return .init(
            frame: frame, lastFull: try await reader.latestRun(kind: "reconcile").map(Self.runLine),
            lastDelta: try await reader.latestRun(kind: "delta").map(Self.runLine),
            webhooksGHL: webhooks["ghl"] ?? 0, webhooksFulcrum: webhooks["fulcrum"] ?? 0,
            inboxWaiting: depth.waiting,
            inboxParked: depth.parked, railsHolding: !status.railsHolding.isEmpty,
            rails: status.railsHolding.map(\.message),
            fulcrumRecords: try await reader.mirrorCount(.fulcrum),
            ghlContacts: try await reader.mirrorCount(.ghl),
            linkedPairs: try await reader.baseCount(), openConflicts: status.openConflicts,
            pendingDecisions: status.pendingDecisions,
            held: status.held.count, failed: status.failedOperations.count, lastFailure: await lastFailure(),
            chart: Self.chart(Array(active.prefix(20).reversed())), syncs: await syncRows(),
            shownSync: syncs.count > 1 ? syncs.first?.name : nil)
    }

    /// Every sync's row when serve serves several: the health its state file shows
    /// (`SyncsStatusJob`, as `fgsync status` prints it), `failing` when serve's last pass of it
    /// failed, with why.
    func syncRows() async -> [ConsoleViews.SyncRow] {
        guard syncs.count > 1 else { return [] }
        let table = await SyncsStatusJob(targets: syncs.map { SyncTarget(name: $0.name, sync: $0.name, statePath: $0.statePath, state: $0.state) }, runs: 1).run()
        var rows: [ConsoleViews.SyncRow] = []
        for (sync, row) in zip(syncs, table.syncs) {
            let problem = await sync.problem()
            let health = problem == nil ? row.health.rawValue : SyncHealth.failing.rawValue
            let tone = health == "ok" ? "good" : (["attention", "new"].contains(health) ? "warn" : "bad")
            rows.append(.init(
                name: sync.name, health: health, tone: tone, problem: problem ?? row.error,
                inboxWaiting: (try? await sync.store.inboxDepth().waiting) ?? 0, openConflicts: row.status?.openConflicts ?? 0,
                lastRun: row.status?.runs.first?.startedAt))
        }
        return rows
    }

    /// Bars per run, oldest on the left: writes, conflicts, failures, scaled to the largest.
    static func chart(_ runs: [ConsoleViews.RunLine]) -> ConsoleViews.Chart? {
        guard !runs.isEmpty else { return nil }
        let height = 120, step = 30, barWidth = 7
        let maximum = max(1, runs.map { max($0.writes, $0.conflicts, $0.failed) }.max() ?? 1)
        func scaled(_ value: Int) -> Int { value == 0 ? 0 : max(2, value * height / maximum) }
        let bars = runs.enumerated().map { index, run in
            let x = 8 + index * step
            let (w, c, f) = (scaled(run.writes), scaled(run.conflicts), scaled(run.failed))
            return ConsoleViews.Bar(
                x: x, label: "#\(run.id)", writesY: height - w, writesHeight: w, conflictsX: x + barWidth,
                conflictsY: height - c,
                conflictsHeight: c, failedX: x + 2 * barWidth, failedY: height - f, failedHeight: f,
                title:
                    "run \(run.id) (\(run.kind), \(run.outcome)): \(run.writes) writes, \(run.conflicts) conflicts, \(run.failed) failed"
            )
        }
        return .init(
            width: 16 + runs.count * step, height: height + 34, baseline: height, bars: bars, maximum: maximum
        )
    }

    /// Open conflicts shown per page of the conflicts page.
    static let conflictsPerPage = 50

    /// Page `number` of the open conflicts (the latest record of each field; past the end reads
    /// the last page), with the decisions waiting and applied.
    func conflicts(_ frame: ConsoleViews.Frame, page number: Int) async throws -> ConsoleViews.Conflicts {
        let page = try await ConflictsJob.page(number, size: Self.conflictsPerPage, store: reader)
        let rows = page.entries.map { entry in
            ConsoleViews.ConflictRow(
                id: entry.id, fulcrum: link(config.fulcrum, entry.fulcrumId),
                ghl: link(config.ghl, entry.contactId), field: entry.field,
                baseValue: entry.base, fulcrumValue: entry.fulcrum, ghlValue: entry.ghl,
                fulcrumUpdatedAt: entry.fulcrumUpdatedAt,
                ghlUpdatedAt: entry.ghlUpdatedAt, detectedAt: entry.detectedAt,
                rule: entry.rule ?? config.conflictPolicy.rawValue,
                runId: entry.runId)
        }
        let waiting = try await reader.pendingDecisions().map(decisionRow)
        let href = { (number: Int) in "/console/conflicts?page=\(number)" }
        return .init(
            frame: frame, conflicts: rows, count: page.total, page: page.number, pages: page.pages,
            previousHref: page.number > 1 ? href(page.number - 1) : nil,
            nextHref: page.number < page.pages ? href(page.number + 1) : nil,
            waiting: waiting, applied: try await appliedDecisions())
    }

    func decisionRow(_ stored: StoredDecision) -> ConsoleViews.DecisionRow {
        .init(
            conflictId: stored.conflictId, fulcrumId: stored.decision.fulcrumId,
            contactId: stored.decision.contactId,
            field: stored.decision.field, choice: Self.describe(stored.decision.choice),
            decidedAt: Timestamp.format(stored.decidedAt, milliseconds: false), appliedRun: stored.appliedRun)
    }

    /// People's decisions passes have applied, newest first.
    func appliedDecisions() async throws -> [ConsoleViews.DecisionRow] {
        try await reader.appliedDecisions(limit: 10).map(decisionRow)
    }

    func held(_ frame: ConsoleViews.Frame) async throws -> ConsoleViews.Held {
        let status = try await StatusJob(state: state, runs: 1).run(store: reader)
        let items = status.held.map { item in
            ConsoleViews.HeldRow(
                fulcrum: item.fulcrumId.map { link(config.fulcrum, $0) },
                ghl: item.contactId.map { link(config.ghl, $0) },
                field: item.field, reason: item.reason, fix: Self.fix(item))
        }
        return .init(frame: frame, items: items, count: items.count, runId: status.runs.first?.id)
    }

    func failures(_ frame: ConsoleViews.Frame) async throws -> ConsoleViews.Failures {
        let status = try await StatusJob(state: state, runs: 1).run(store: reader)
        let (times, window) = try await failureCounts(runs: 20)
        return .init(
            frame: frame,
            failures: status.failedOperations.map {
                .init(
                    side: $0.side == "ghl" ? "GHL" : "Fulcrum", kind: $0.kind,
                    fulcrum: $0.fulcrumId.map { link(config.fulcrum, $0) },
                    ghl: $0.contactId.map { link(config.ghl, $0) }, error: $0.error,
                    times: times[Self.failureKey($0)] ?? 1, window: window)
            },
            parked: status.parkedEvents.map {
                .init(id: $0.id, attempts: $0.attempts, parkedAt: $0.parkedAt, error: $0.error)
            },
            inboxWaiting: status.inboxWaiting, pendingWrites: status.pendingWrites)
    }

    /// How many of the last `runs` reported runs had each write fail, and how many runs were read.
    func failureCounts(runs: Int) async throws -> (times: [String: Int], window: Int) {
        var times: [String: Int] = [:]
        var window = 0
        for run in try await reader.recentRuns(limit: runs) {
            guard let data = try await reader.runReport(runId: run.id),
                let report = try? RunReport.decode(data)
            else { continue }
            window += 1
            for key in Set(report.failed.map(Self.failureKey)) { times[key, default: 0] += 1 }
        }
        return (times, window)
    }

    static func failureKey(_ failure: RunReport.Failure) -> String {
        [failure.side, failure.kind, failure.fulcrumId ?? "", failure.contactId ?? ""].joined(
            separator: "\u{0}")
    }

    func runs(_ frame: ConsoleViews.Frame) async throws -> ConsoleViews.Runs {
        .init(
            frame: frame,
            runs: try await StatusJob(state: state, runs: 100).run(store: reader).runs.map(Self.runLine))
    }

    func rails(_ frame: ConsoleViews.Frame) async throws -> ConsoleViews.Rails {
        let status = try await StatusJob(state: state, runs: 30).run(store: reader)
        guard !status.railsHolding.isEmpty,
            let refused = status.runs.first(where: { $0.outcome == "refused" })
        else {
            return .init(
                frame: frame, holding: false, run: nil, rails: [], planned: [], plannedTotal: 0, deletes: 0,
                forceKind: "poll")
        }
        let report = try await reader.runReport(runId: refused.id).flatMap { try? RunReport.decode($0) }
        let planned = (report?.planned ?? [:]).flatMap { side, kinds in
            kinds.map {
                ConsoleViews.PlannedCount(
                    side: side == "ghl" ? "GHL" : "Fulcrum", kind: $0.key, count: $0.value)
            }
        }.sorted { ($0.side, $0.kind) < ($1.side, $1.kind) }
        return .init(
            frame: frame, holding: true, run: Self.runLine(refused),
            rails: status.railsHolding.map { .init(kind: $0.kind, side: $0.side, message: $0.message) },
            planned: planned,
            plannedTotal: planned.map(\.count).reduce(0, +),
            deletes: planned.filter { $0.kind == "delete" }.map(\.count).reduce(0, +),
            forceKind: refused.kind == "reconcile" ? "full" : "poll")
    }
}
