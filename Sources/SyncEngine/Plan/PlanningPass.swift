import SyncCore
import SyncStore

/// The one planning path: snapshot into the store, settle the journal, plan from the store.
///
/// Every entry point that plans goes through `run`: `fgsync reconcile`, its dry run (on a
/// scratch copy of the state file) and `fgsync plan` (saved bodies served as gateways into a
/// scratch store). So what `plan` shows is what `reconcile` decides, by construction: one
/// function owns which pairs, with which bases, decisions and match values, reach the planner.
/// One difference is in the input, not the code: saved bodies carry no Fulcrum record history,
/// so `plan` settles a `newest` conflict by record times where `reconcile` may find the field's
/// own change time.
struct PlanningPass: Sendable {
    let store: any StateStore
    let mapping: ResolvedMapping
    let planner: Planner
    /// How long GHL's search may take to show a new contact (for interrupted GHL creates).
    var ghlSearchLag: Duration = ReconcileOptions.defaultGHLSearchLag

    /// What the pass found and decided.
    struct Outcome: Sendable {
        /// What the snapshots saw.
        var snapshot: Snapshotter.Outcome
        /// Interrupted creates a dry run would have looked up (a real run looks them up).
        var lookups: [String]
        /// People's decisions the plan used.
        var decisions: [StoredDecision]
        /// The plan.
        var plan: Plan
        /// The planner that made it (with the change evidence it found): pairs planned again
        /// while they are written must be decided by the same rules.
        var planner: Planner
        /// A delta pass's cursors for the next pass, stored once this one applied everything.
        var nextCursors: DeltaSnapshotter.Cursors? = nil
        /// Events that were our own writes coming back (an event-driven pass).
        var echoes = 0
        /// The webhook events whose records the pass re-read.
        var events: [WebhookEvent] = []
    }

    /// What the pass reads: everything (a full snapshot), or what changed since `cursors`.
    enum Reading: Sendable {
        case everything
        case changes(since: DeltaSnapshotter.Cursors, events: [WebhookEvent] = [])
        /// The records webhook events named, re-read by id (cursors stay where they are).
        case events([WebhookEvent])
    }

    /// Runs the pass. A dry run only reads: interrupted creates are reported as lookups to
    /// make, not looked up.
    func run(
        fulcrum: any FulcrumGateway, ghl: any GHLGateway, runId: Int64, force: Bool, dryRun: Bool, progress: Progress,
        reading: Reading = .everything
    ) async throws -> Outcome {
        var snapshot: Snapshotter.Outcome
        var nextCursors: DeltaSnapshotter.Cursors?
        // A delta pass plans only the pairs it read (and those people decided on).
        var scope: PlanScope?
        var echoes = 0
        var childReader: ChildReader?
        let overlap = DeltaSnapshotter.Overlap(fulcrum: 60_000, ghl: GHLCreateLookup.seconds(ghlSearchLag))
        let delta = DeltaSnapshotter(store: store, mapping: mapping, overlap: overlap)
        // Before anything below writes a mirror row under this mapping (snapshots, re-reads,
        // recovery, then propagation).
        let reusable = try await Snapshotter.projectionsReusable(store: store, mapping: mapping)
        switch reading {
        case .everything:
            progress.note("snapshot: reading both sides")
            snapshot = try await Snapshotter(store: store, mapping: mapping, reuseUnchanged: reusable).run(
                fulcrum: fulcrum, ghl: ghl, runId: runId, progress: progress)
            childReader = try await ChildListing.reader(store: store, mapping: mapping, ghl: ghl, runId: runId, progress: progress)
        case .changes(let cursors, let events):
            progress.note("snapshot: reading what changed on both sides")
            (snapshot, nextCursors, scope) = try await delta.run(
                from: cursors, fulcrum: fulcrum, ghl: ghl, runId: runId, progress: progress)
            if !events.isEmpty {
                // GHL deletes only reach a delta pass as events; each is confirmed by a 404.
                let reread = try await delta.reread(events, fulcrum: fulcrum, ghl: ghl, runId: runId, progress: progress)
                snapshot.fulcrum.removedIds += reread.outcome.fulcrum.removedIds
                snapshot.ghl.removedIds += reread.outcome.ghl.removedIds
                scope = scope?.union(reread.scope)
                echoes = reread.echoes
            }
        case .events(let events):
            progress.note("snapshot: re-reading the \(events.count) records webhook events named")
            let reread = try await delta.reread(events, fulcrum: fulcrum, ghl: ghl, runId: runId, progress: progress)
            (snapshot, scope, echoes) = (reread.outcome, reread.scope, reread.echoes)
        }
        let recovery = Recovery(store: store, mapping: mapping, fulcrum: fulcrum, ghl: ghl, ghlSearchLag: ghlSearchLag)
        // A dry run reports the lookups instead of making them; the creates a real run would
        // hold for certain are held in its plan too.
        var (lookups, heldCreates) = ([String](), [HeldItem]())
        if dryRun {
            (lookups, heldCreates) = try await recovery.lookupsToMake()
        } else {
            let settled = try await recovery.settle()
            heldCreates = settled.held
            // Records an interrupted write created are planned with the pass, so they are
            // matched to their partners, never created a second time.
            scope = scope?.union(settled.touched)
        }

        progress.note("plan: diffing every pair against the base")
        let decisions = try await store.pendingDecisions()
        if scope != nil {
            for decision in decisions { scope?.fulcrumIds.insert(decision.decision.fulcrumId) }
        }
        if let scope {
            // A delta pass lists the children of the pairs it plans (and of the contacts a
            // note, task or appointment event named, or whose child conflict a person decided).
            // A dry run lists them too (reads only; the listing goes to its scratch copy), so
            // its preview shows the child writes a real pass would send.
            let named = Set(reading.events.filter(\.namesChildren).map(\.recordId))
                .union(try await ChildListing.decidedContacts(store))
            childReader = try await ChildListing.deltaReader(
                store: store, mapping: mapping, ghl: ghl, runId: runId, scope: scope, named: named, progress: progress)
        }
        // Conflicts under `newest` are planned again with when each side changed the field.
        let (plan, decidedBy) = try await ChangeEvidenceCollector(mapping: mapping, fulcrum: fulcrum, store: store).plan(with: planner) {
            try await PlanPhase(store: store, planner: $0, scope: scope, childReader: childReader).plan(
                force: force, decisions: Planner.decisionsByPair(decisions.map(\.decision)))
        }
        return Outcome(
            snapshot: snapshot, lookups: lookups, decisions: decisions, plan: plan.holdingGHLCreates(heldCreates),
            planner: decidedBy, nextCursors: nextCursors, echoes: echoes, events: reading.events)
    }
}

extension PlanningPass.Reading {
    /// The webhook events the reading re-reads records for.
    var events: [WebhookEvent] {
        switch self {
        case .everything: []
        case .changes(_, let events), .events(let events): events
        }
    }
}
