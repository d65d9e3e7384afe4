/// What the console's templates read. Plain values only: every string is escaped by Mustache
/// (`{{name}}`); no template uses the unescaped forms, so a value can never become markup.
enum ConsoleViews {
    /// The frame around every page: navigation, the CSRF token for its forms, a message.
    struct Frame: Sendable {
        struct Link: Sendable {
            var href: String
            var label: String
            var current: Bool
        }
        var title: String
        var csrf: String
        var flash: String?
        var nav: [Link]
        /// Whether the page refreshes its content on its own (overview, conflicts).
        var live: Bool
    }

    /// A run in a line: id, when, what, how it ended, and its report.
    struct RunLine: Sendable {
        var id: Int64
        var kind: String
        var mode: String
        var startedAt: String
        var finishedAt: String?
        var outcome: String
        /// `good`, `warn` or `bad`, for the badge.
        var tone: String
        var writes: Int
        var conflicts: Int
        var held: Int
        var failed: Int
        var reportHref: String?
    }

    /// A record id, linked when `web_url` is configured.
    struct RecordRef: Sendable {
        var id: String
        var href: String?
    }

    /// One bar group of the recent-runs chart.
    struct Bar: Sendable {
        var x: Int
        var label: String
        var writesY: Int
        var writesHeight: Int
        var conflictsX: Int
        var conflictsY: Int
        var conflictsHeight: Int
        var failedX: Int
        var failedY: Int
        var failedHeight: Int
        var title: String
    }

    struct Chart: Sendable {
        var width: Int
        var height: Int
        var baseline: Int
        var bars: [Bar]
        var maximum: Int
    }

    struct Overview: Sendable {
        var frame: Frame
        var lastFull: RunLine?
        var lastDelta: RunLine?
        var webhooksGHL: Int
        var webhooksFulcrum: Int
        var inboxWaiting: Int
        var inboxParked: Int
        var railsHolding: Bool
        var rails: [String]
        var fulcrumRecords: Int
        var ghlContacts: Int
        var linkedPairs: Int
        var openConflicts: Int
        var pendingDecisions: Int
        var held: Int
        var failed: Int
        var lastFailure: String?
        var chart: Chart?
        /// Every sync with its health, when serve serves several (empty otherwise).
        var syncs: [SyncRow] = []
        /// The sync the rest of the page shows, when there are several.
        var shownSync: String?
    }

    /// One sync in the overview's table.
    struct SyncRow: Sendable {
        var name: String
        /// `SyncHealth`'s word, or `failing` when serve's last pass of it failed.
        var health: String
        var tone: String
        /// Why the last pass failed, or what the state file says.
        var problem: String?
        var inboxWaiting: Int
        var openConflicts: Int
        var lastRun: String?
    }

    struct ConflictRow: Sendable {
        var id: Int64
        var fulcrum: RecordRef
        var ghl: RecordRef
        var field: String
        var baseValue: String?
        var fulcrumValue: String?
        var ghlValue: String?
        var fulcrumUpdatedAt: String?
        var ghlUpdatedAt: String?
        var detectedAt: String
        var rule: String
        var runId: Int64?
    }

    struct DecisionRow: Sendable {
        var conflictId: Int64?
        var fulcrumId: String
        var contactId: String
        var field: String
        var choice: String
        var decidedAt: String
        var appliedRun: Int64?
    }

    struct Conflicts: Sendable {
        var frame: Frame
        /// This page's conflicts (at most `Console.conflictsPerPage`).
        var conflicts: [ConflictRow]
        /// Open conflicts in all pages.
        var count: Int
        var page: Int
        var pages: Int
        var previousHref: String?
        var nextHref: String?
        var waiting: [DecisionRow]
        var applied: [DecisionRow]
    }

    struct HeldRow: Sendable {
        var fulcrum: RecordRef?
        var ghl: RecordRef?
        var field: String?
        var reason: String
        var fix: String
    }

    struct Held: Sendable {
        var frame: Frame
        var items: [HeldRow]
        var count: Int
        var runId: Int64?
    }

    struct FailureRow: Sendable {
        var side: String
        var kind: String
        var fulcrum: RecordRef?
        var ghl: RecordRef?
        var error: String
        /// In how many of the last `window` reported passes this write failed.
        var times: Int
        var window: Int
    }

    struct ParkedRow: Sendable {
        var id: String
        var attempts: Int
        var parkedAt: String?
        var error: String?
    }

    struct Failures: Sendable {
        var frame: Frame
        var failures: [FailureRow]
        var parked: [ParkedRow]
        var inboxWaiting: Int
        var pendingWrites: Int
    }

    struct Runs: Sendable {
        var frame: Frame
        var runs: [RunLine]
    }

    struct PlannedCount: Sendable {
        var side: String
        var kind: String
        var count: Int
    }

    struct RailRow: Sendable {
        var kind: String
        var side: String?
        var message: String
    }

    struct Rails: Sendable {
        var frame: Frame
        var holding: Bool
        var run: RunLine?
        var rails: [RailRow]
        var planned: [PlannedCount]
        var plannedTotal: Int
        var deletes: Int
        /// The pass a force runs: `full` after a refused reconcile, `poll` after a refused delta pass.
        var forceKind: String
    }

    struct Login: Sendable {
        var message: String?
    }
}
