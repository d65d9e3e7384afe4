import Foundation
import SyncCore
import SyncEngine
import SyncStore

/// `fgsync status`: the last runs with outcome and counts, failed operations waiting for retry,
/// held items, cursors, open conflicts, and whether a safety rail holds the next run. Opens the
/// state file read-only.
public struct StatusJob: Sendable {
    /// The state file.
    public var statePath: String
    /// How many runs to list.
    public var runs: Int

    /// The status, as printed by `--json`.
    public struct Status: Codable, Sendable, Hashable {
        /// One run.
        public struct Run: Codable, Sendable, Hashable {
            /// Run id.
            public var id: Int64
            /// `reconcile`, ...
            public var kind: String
            /// `apply`, `dry-run`, `force`.
            public var mode: String
            /// ISO start time.
            public var startedAt: String
            /// ISO end time, `nil` when unfinished.
            public var finishedAt: String?
            /// `ok`, `failed`, `refused`, `dry-run`, ...; `nil` when unfinished.
            public var outcome: String?
            /// Summary counts.
            public var counts: [String: Int]
        }

        /// The state file's schema version.
        public var schemaVersion: String
        /// The latest runs, newest first.
        public var runs: [Run]
        /// Writes that failed in the last applying run; the next run plans them again.
        public var failedOperations: [RunReport.Failure]
        /// Journalled writes whose outcome is unknown (a run died); the next run checks them first.
        public var pendingWrites: Int
        /// Held items of the last reported run.
        public var held: [PlanDocument.HeldEntry]
        /// Conflicts waiting for a person.
        public var openConflicts: Int
        /// Decisions waiting for the next run.
        public var pendingDecisions: Int
        /// Resume cursors by name.
        public var cursors: [String: String]
        /// Rails that refused the last run and will hold the next one until fixed or forced.
        public var railsHolding: [PlanDocument.RailEntry]
        /// Webhook events `fgsync serve` has not worked yet.
        public var inboxWaiting = 0
        /// Webhook events that kept failing and were parked, with why (the newest 20).
        public var parkedEvents: [ParkedEvent] = []
        /// Notes, tasks and appointments: linked, conflicts, journalled writes, listing progress
        /// (`nil` for a state file from before children).
        public var children: ChildrenStatus?
        /// Whether the GHL app is installed in the location, as last recorded (`INSTALL` /
        /// `UNINSTALL` events, a refused location token); `nil` when nothing was recorded.
        public var installation: InstallationRecord?
    }

    /// A webhook event that gave up after its last try.
    public struct ParkedEvent: Codable, Sendable, Hashable {
        /// Inbox id (`ghl:<webhookId>` or `fulcrum:<event id>`).
        public var id: String
        /// Tries made.
        public var attempts: Int
        /// When it was parked.
        public var parkedAt: String?
        /// Why its last try failed.
        public var error: String?
    }

    /// Creates a job.
    public init(statePath: String, runs: Int = 10) {
        self.statePath = statePath
        self.runs = runs
    }

    /// The report of the latest of `runs` that got as far as planning (a run that stopped
    /// before planning knows nothing of held items, rails or failed writes) and passes `filter`.
    private func lastPlanned(_ store: any StateStore, _ runs: [RunRecord], where filter: (RunRecord) -> Bool = { _ in true })
        async throws -> RunReport?
    {
        for run in runs where run.outcome != nil && filter(run) {
            guard let data = try await store.runReport(runId: run.id), let report = try? RunReport.decode(data),
                report.error == nil
            else { continue }
            return report
        }
        return nil
    }

    /// Reads the status (opens the state file read-only).
    public func run() async throws -> Status {
        try await run(store: SQLiteStateStore.openReadOnly(path: statePath))
    }

    /// Reads the status from an open store (the console keeps one read-only store for its
    /// lifetime); `statePath` is not read.
    public func run(store: any StateStore) async throws -> Status {
        let runs = try await store.recentRuns(limit: runs)
        // A file written before schema v3 (opened read-only, so not upgraded) has no retry
        // columns and no parked events.
        let v3 = try await store.hasSchema("v3")
        let depth = v3 ? try await store.inboxDepth() : (waiting: try await store.pendingInboxEvents().count, parked: 0)
        let parked = v3 ? try await store.parkedInboxEvents(limit: 20) : []
        let recent = try await store.recentRuns(limit: 50)
        let last = try await lastPlanned(store, recent)
        // Failures wait for the next applying run: a dry run since then does not clear them.
        let lastApplied = try await lastPlanned(store, recent) { $0.mode != "dry-run" }
        func time(_ date: Date?) -> String? { date.map { Timestamp.format($0, milliseconds: false) } }
        var status = Status(
            schemaVersion: try await store.schemaVersion(),
            runs: runs.map {
                .init(id: $0.id, kind: $0.kind, mode: $0.mode, startedAt: time($0.startedAt) ?? "", finishedAt: time($0.finishedAt),
                      outcome: $0.outcome, counts: $0.counts)
            },
            failedOperations: lastApplied?.failed ?? [], pendingWrites: try await store.pendingJournal().count,
            held: last?.held ?? [], openConflicts: try await store.openConflictCount(),
            pendingDecisions: try await store.pendingDecisions().count, cursors: try await store.cursors(),
            railsHolding: last?.outcome == "refused" ? last?.rails ?? [] : [])
        status.inboxWaiting = depth.waiting
        status.children = try await store.childrenStatus()
        status.installation = try await store.installation()
        status.parkedEvents = parked.map {
            ParkedEvent(id: $0.id, attempts: $0.attempts, parkedAt: time($0.parkedAt), error: $0.lastError)
        }
        return status
    }
}

extension StatusJob.Status {
    /// The status for a terminal.
    public var text: String {
        var lines = ["fgsync status (state schema \(schemaVersion))"]
        if let installation, !installation.installed {
            lines.append(
                "  uninstalled: location \(installation.locationId) uninstalled the GHL app (recorded \(Timestamp.format(installation.at, milliseconds: false)) from \(installation.source)); runs do not start until it is reinstalled")
        }
        if runs.isEmpty { lines.append("  no runs yet") }
        if !runs.isEmpty { lines.append("  last runs:") }
        for run in runs {
            let counts = run.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("    #\(run.id) \(run.startedAt) \(run.kind) \(run.mode): \(run.outcome ?? "unfinished")\(counts.isEmpty ? "" : " (\(counts))")")
        }
        if railsHolding.isEmpty {
            lines.append("  safety rails: none holding the next run")
        } else {
            lines.append("  safety rails HOLDING the next run (fix the cause, or run with --force):")
            for rail in railsHolding { lines.append("    - \(rail.message)") }
        }
        lines.append("  failed operations waiting for retry: \(failedOperations.count)")
        for failure in failedOperations.prefix(10) {
            lines.append("    - \(failure.side) \(failure.kind) \(failure.fulcrumId ?? failure.contactId ?? "-"): \(failure.error)")
        }
        if pendingWrites > 0 { lines.append("  writes with unknown outcome (checked by the next run): \(pendingWrites)") }
        lines.append("  held items: \(held.count)")
        for item in held.prefix(10) { lines.append("    - \(item.reason)") }
        lines.append("  open conflicts: \(openConflicts) (fgsync conflicts); decisions waiting for the next run: \(pendingDecisions)")
        if let children { lines += children.lines }
        if inboxWaiting > 0 || !parkedEvents.isEmpty {
            lines.append("  webhook events waiting: \(inboxWaiting); parked after repeated failures: \(parkedEvents.count)")
            for event in parkedEvents.prefix(10) {
                lines.append("    - \(event.id) (\(event.attempts) tries, parked \(event.parkedAt ?? "-")): \(event.error ?? "-")")
            }
        }
        if cursors.isEmpty {
            lines.append("  cursors: none")
        } else {
            lines.append("  cursors:")
            for (name, value) in cursors.sorted(by: { $0.key < $1.key }) { lines.append("    \(name) = \(value)") }
        }
        return TextEscaping.lines(lines)
    }
}

extension ChildrenStatus {
    /// The status lines on children: one per kind, and how far the listing got.
    var lines: [String] {
        var lines = ["  children (linked; open conflicts; writes pending, failed in the last run):"]
        for kind in kinds {
            lines.append("    \(kind.kind): \(kind.linked) linked; \(kind.openConflicts) open conflicts; \(kind.pendingWrites) pending, \(kind.failedWrites) failed")
        }
        let oldest = oldestListingRun.map { run in "; oldest listing from run #\(run)\(oldestListingAt.map { " (\($0))" } ?? "")" } ?? ""
        lines.append("    listed: \(listedPairs) of \(linkedPairs) linked pairs\(oldest)")
        return lines
    }
}
