import Foundation
import SyncCore

/// Where one sync keeps its state: both sides' mirrors, the synced base and links, runs,
/// conflicts and decisions, audit, the write journal, cursors, the webhook inbox and the
/// install record.
///
/// The engine, `serve` and the reports work against this protocol, so the state can live in
/// the embedded SQLite file (`SQLiteStateStore`, the default) or in a database server shared by
/// several workers. Every implementation keeps the same promises: each method's writes commit
/// together or not at all; a journal entry becomes done in the same transaction that advances
/// the pair's base and mirrors; timestamps come from `clock`. All errors thrown are `StoreError`.
public protocol StateStore: AnyObject, Sendable {
    /// Where this state lives, for messages: the file's path, or the database and schema
    /// (never a password).
    var location: String { get }
    /// The clock used for every timestamp written.
    var clock: StoreClock { get }
    /// Whether this store was opened for reading only (`report`, `status`, `conflicts`).
    var isReadOnly: Bool { get }
    /// Releases the store's connections; later calls fail.
    func close() throws

    /// Stores several cursors in one transaction: all of them or none.
    func setCursors(_ values: [String: String]) async throws

    // MARK: - Copying state between backends (`StateCopy`)

    /// Every row of `table` (one of `StateTables.copyOrder`), in key order, in chunks of at
    /// most `chunk` rows; `meta` without the rows the backend owns.
    func exportRows(of table: String, chunk: Int, _ body: (StateRows) async throws -> Void) async throws
    /// Inserts rows another store exported into the same table, in one transaction.
    func importRows(_ rows: StateRows) async throws
    /// Called once every table is imported (a database moves its id sequences past the ids
    /// inserted).
    func finishImport() async throws
    /// Whether the store holds no run, no mirror row, no link and no base.
    func isEmpty() async throws -> Bool

    // MARK: - AgreeingPairs

    /// Streams every linked pair as `forEachLinkedPair(batchSize:_:)` does, except that a live
    /// pair with both sides present whose two digests equal its base's comes as `.agreeing`:
    /// neither its base nor its sides are decoded (the digests cover each field's canonical value,
    /// the tag keys and the link, and are only stored for a projection without issues), and only
    /// the base's values of `keys` are read (the planner's match keys, when an unlinked record
    /// may match a linked one).
    func forEachLinkedPair(
        batchSize: Int, keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void
    ) async throws

    // MARK: - Audit

    /// Appends audit entries for a run in one transaction.
    func appendAudit(_ entries: [AuditEntry], runId: Int64?) async throws

    /// Every audit entry about one record, oldest first.
    func auditEntries(side: Side, recordId: String) async throws -> [AuditEntry]

    // MARK: - Base

    /// Records the agreed state of a pair (and its link), replacing any earlier base.
    ///
    /// Call only once every write for the pair completed; the propagator does it inside
    /// `completeJournal` so the two commit together.
    func recordBase(_ pair: PairBase) async throws

    /// Records many bases in one transaction (first reconcile, benchmarks).
    func recordBases(_ pairs: [PairBase]) async throws

    /// Forgets the base of a pair (both sides gone, or the pair is held); the link stays.
    func removeBase(fulcrumId: String) async throws

    /// Links a Fulcrum record to a GHL contact (see `StoreTransaction.link`).
    func link(fulcrumId: String, contactId: String) async throws

    /// Removes the link of a Fulcrum record, and with it the pair's base.
    func unlink(fulcrumId: String) async throws

    /// The GHL contactId linked to a Fulcrum record, if any.
    func linkedContact(fulcrumId: String) async throws -> String?

    /// The Fulcrum record id linked to a GHL contact, if any.
    func linkedRecord(contactId: String) async throws -> String?

    // MARK: - ChildStatus

    /// The children's counts, each from one aggregate query: linked children per kind, open
    /// child conflicts, child writes pending or failed in the journal, and how far the rolling
    /// listing (`children.sweep`) got. `nil` for a state file from before children (schema
    /// `v4-children`, opened read-only and so not upgraded).
    func childrenStatus() async throws -> ChildrenStatus?

    // MARK: - Children

    /// Stores a GHL contact's children as listed.
    func saveGHLChildren(contactId: String, _ row: ChildListingRow) async throws

    /// A GHL contact's last children listing, if any.
    func ghlChildren(contactId: String) async throws -> ChildListingRow?

    /// The mirrored Fulcrum record's `version` (its column; the raw JSON is not read).
    func fulcrumVersion(id: String) async throws -> Int?

    /// The mirrored versions of Fulcrum records, by id (a record not mirrored, or without a
    /// version, is absent), from the column, in chunked `IN (...)` queries.
    func fulcrumVersions(ids: some Collection<String>) async throws -> [String: Int]

    /// The listing marks of contacts (everything but the items), by contact id, each with
    /// whether the run that listed it settled (`ok` or `failed`: it applied what it planned),
    /// in chunked `IN (...)` queries.
    func childListingMarks(contactIds: some Collection<String>) async throws -> [String: ChildListingMark]

    /// Forgets a contact's listing, so the next run lists its children again (its writes failed).
    func forgetGHLChildren(contactId: String) async throws

    /// The agreed children of the pair of Fulcrum record `fulcrumId` (empty when none were agreed).
    func childBase(fulcrumId: String) async throws -> [ChildBase]

    /// Marks a GHL child create done and records the created child as agreed (`child`: its GHL
    /// id, its Fulcrum item id, the values sent), in one transaction. Until the pair's other
    /// child writes complete (the Fulcrum item gets the id), this is what links the item to the
    /// child: a crash or a failed Fulcrum write after it can never make a second one.
    func completeChildCreate(_ journalId: Int64, response: String?, fulcrumId: String, contactId: String, child: ChildBase) async throws

    /// Records the agreed children of a pair, marking `journal` entries done and storing the
    /// Fulcrum record the child write answered with, all in one transaction: the children
    /// base only ever records writes that completed.
    func completeChildren(
        fulcrumId: String, contactId: String, children: [ChildBase], journal: [Int64], fulcrumRecord: MirrorRecord?
    ) async throws

    // MARK: - Conflicts

    @discardableResult
    func recordConflicts(_ conflicts: [Conflict], runId: Int64?) async throws -> [Int64]

    /// Conflicts still waiting for a person, oldest first.
    func openConflicts() async throws -> [StoredConflict]

    /// One page of the conflicts waiting for a person, oldest first: at most `limit` rows
    /// after the first `offset`.
    func openConflicts(limit: Int, offset: Int) async throws -> [StoredConflict]

    /// How many conflicts wait for a person (as many as `openConflicts()` lists), without
    /// loading them.
    func openConflictCount() async throws -> Int

    /// Conflicts recorded by one run, in order.
    func conflicts(runId: Int64) async throws -> [StoredConflict]

    /// Marks a conflict resolved, with how (e.g. `kept fulcrum` or a person's note).
    func resolveConflict(id: Int64, resolution: String) async throws

    // MARK: - Console

    @discardableResult
    func requeueParkedInboxEvent(id: String) async throws -> Bool

    /// Webhook events stored since `date`, by source (`ghl`, `fulcrum`): what arrived, whatever
    /// became of it.
    func inboxReceived(since date: Date) async throws -> [String: Int]

    /// Decisions a run has applied, the most recently decided first.
    func appliedDecisions(limit: Int) async throws -> [StoredDecision]

    /// The latest run of `kind` (`reconcile`, `delta`, ...), however many of other kinds came after.
    func latestRun(kind: String) async throws -> RunRecord?

    // MARK: - Cursors

    /// The saved value of a resume cursor (e.g. `fulcrum.history.sequence`), or `nil`.
    func cursor(_ name: String) async throws -> String?

    /// Saves a cursor. Advance cursors only after the batch they cover is applied; to do both
    /// atomically, use `StoreTransaction.setCursor` inside `transaction`.
    func setCursor(_ name: String, _ value: String) async throws

    // MARK: - Decisions

    @discardableResult
    func recordDecision(conflictId: Int64, choice: ConflictDecision.Choice) async throws -> StoredDecision

    /// Decisions no run has applied yet, oldest first (a later decision on the same field wins).
    func pendingDecisions() async throws -> [StoredDecision]

    /// Marks decisions as applied by `runId`.
    func markDecisionsApplied(ids: [Int64], runId: Int64) async throws

    /// A conflict by id, or `nil`.
    func conflict(id: Int64) async throws -> StoredConflict?

    // MARK: - Health

    /// When the newest webhook event from `source` (`ghl`, `fulcrum`) reached the inbox, or
    /// `nil` when none ever did.
    func lastInboxReceivedAt(source: String) async throws -> Date?

    // MARK: - Inbox

    @discardableResult
    func insertInboxEvent(_ event: InboxEvent) async throws -> Bool

    /// Marks an event processed (after the re-read it triggered was applied).
    func markInboxEventProcessed(id: String) async throws

    /// Marks events processed, in one transaction.
    func markInboxEventsProcessed(ids: [String]) async throws

    /// Events waiting to be worked, oldest first: not processed, not parked, and due (a failed
    /// event waits until its `next_attempt_at`). With no `due` time, every waiting event.
    func pendingInboxEvents(due: Date?, limit: Int) async throws -> [InboxEvent]

    @discardableResult
    func deferInboxEvents(
        ids: [String], error: String, maxAttempts: Int, park: Bool, backoff: @escaping @Sendable (Int) -> Duration
    ) async throws -> [String]

    @discardableResult
    func pruneInboxEvents(processedBefore date: Date) async throws -> Int

    /// Which of `ids` are still waiting (not processed).
    func unprocessedInboxIds(among ids: [String]) async throws -> [String]

    /// Events that gave up after their last try, oldest first (`fgsync status` lists them).
    func parkedInboxEvents(limit: Int) async throws -> [InboxEvent]

    /// How many events wait (not processed, not parked), and how many are parked.
    func inboxDepth() async throws -> (waiting: Int, parked: Int)

    // MARK: - InboxLookup

    /// Every stored event from `source` (processed or not) whose payload's top-level `id` is
    /// `recordId`, oldest first: what a webhook reported about one record (GHL contact events
    /// carry the contact's id as `id`). Payloads that are not JSON are skipped.
    func inboxEvents(source: String, recordId: String) async throws -> [InboxEvent]

    // MARK: - Installation

    @discardableResult
    func recordInstallation(installed: Bool, at: Date, source: String, locationId: String) async throws -> Bool

    /// The last installation fact recorded, or `nil` when none was (the app is assumed installed).
    func installation() async throws -> InstallationRecord?

    // MARK: - Journal

    /// Records writes as `pending` before they are sent, numbered after the run's last entry.
    func appendJournal(runId: Int64, operations: [SyncCore.Operation]) async throws -> [JournalEntry]

    /// Marks a write done and, in the same transaction, advances the pair's base and mirrors and
    /// appends audit entries: either all of it is recorded or none of it. With
    /// `releasingDeletedPartners`, a recorded base first releases links to partners gone from
    /// their mirror (`releaseLinksToDeletedPartners`, modify beats delete), in that transaction too.
    ///
    /// This is Unison's invariant: the base only ever records writes that completed.
    func completeJournal(
        _ id: Int64, response: String?, base: BaseAdvance, mirror: [MirrorChange],
        audit: [AuditEntry], releasingDeletedPartners: Bool
    ) async throws

    /// Marks a pending write failed, with the reason.
    func failJournal(_ id: Int64, error: String) async throws

    /// Every write whose outcome is unknown (still `pending`), oldest first: after a crash,
    /// these are checked against the target before anything is retried.
    func pendingJournal() async throws -> [JournalEntry]

    /// A run's journal, in order.
    func journal(runId: Int64) async throws -> [JournalEntry]

    /// Whether fgsync finished a write to `side`'s record `id` at or after `since`: an event
    /// about that record that carries nothing new is our own write coming back (an echo).
    func wroteRecently(_ side: Side, id: String, since: Date) async throws -> Bool

    // MARK: - Meta

    /// The hash of the mapping the base was written with, or `nil` before the first run.
    ///
    /// The planner compares it with the current mapping's hash: a changed mapping trips the
    /// `mappingChanged` safety rail, because old base values no longer mean the same fields.
    func mappingHash() async throws -> String?

    /// Records the hash of the mapping the base is now written with.
    func setMappingHash(_ hash: String) async throws

    /// Whether the migration `identifier` (`v3`, ...) was applied: what a reader of an older
    /// file (opened read-only, so not upgraded) can rely on.
    func hasSchema(_ identifier: String) async throws -> Bool

    /// The schema version the file is at (`v1`, ...).
    func schemaVersion() async throws -> String

    // MARK: - Mirrors

    /// Starts a full snapshot of `side` and returns its sequence number, to pass to `ingest` and
    /// `finishSnapshot` of this same store.
    func beginSnapshot(_ side: Side) async throws -> Int64

    /// Stores one page of a full snapshot: new and changed records are inserted or replaced by
    /// id; a record whose projection and raw JSON are what the mirror holds is not written at all.
    ///
    /// Changed rows are committed in groups of about `ingestGroupSize` records (100,000 in a
    /// state file; 20,000 in PostgreSQL), each group in one transaction and in id order, and
    /// the last group commits inside `finishSnapshot`: a random-id index costs about one index
    /// page per record per commit, so committing every 500-record API page would write several
    /// times the data stored. A million pairs' ingest wrote 6.3 GB in groups of 20,000 and 3.9 GB
    /// in groups of 60,000 when rows were stored unpacked; packed (`PackedBlob`), a pending row
    /// holds about 200 bytes where it held 560, so groups of 100,000 now fit in a peak of 440 MB
    /// and wrote 1.8 GB (`fgsync-bench plan`). Rows of an
    /// unfinished snapshot may therefore not be readable yet; an interrupted snapshot is simply
    /// taken again. Projections are encoded, compared and compressed (on every core) before the
    /// write lock is taken, so callers may ingest from several tasks and overlap that work with
    /// writing.
    ///
    /// - Throws: `StoreError.Code.snapshotNotOpen` when `seq` is not an open snapshot of `side`
    ///   begun by this store.
    func ingest(_ side: Side, _ page: [MirrorRecord], snapshot seq: Int64) async throws

    /// Ends a full snapshot: records it did not see are deleted on that side, so they are
    /// copied to `audit` (reason `missing from full snapshot`) and removed from the mirror.
    ///
    /// - Parameter runId: the run the snapshot belongs to, recorded in the audit rows.
    func finishSnapshot(_ side: Side, snapshot seq: Int64, runId: Int64?) async throws -> SnapshotOutcome

    /// Counts `ids` as seen by the open full snapshot `seq` of `side` without passing their
    /// rows to `ingest`: records the caller listed and found exactly as the mirror holds them
    /// (same raw JSON, projected under the same `projectionFingerprint()`). `finishSnapshot`
    /// keeps them like any ingested record; only records neither ingested nor marked seen count
    /// as deleted. Nothing is written.
    ///
    /// - Throws: `StoreError.Code.snapshotNotOpen` when this store did not begin `seq` or
    ///   already finished it.
    func markSeen(_ side: Side, ids: [String], snapshot seq: Int64) async throws

    /// The `raw_hash` (`AgreementDigest.rawHash` of the raw JSON as the API sent it) of those
    /// of the records `ids` of `side` the mirror holds, by id, in one read for a listed page;
    /// neither projections nor raw JSON are read.
    func mirrorRawHashes(_ side: Side, ids: [String]) async throws -> [String: Int64]

    /// The fingerprint (`ResolvedMapping.projectionFingerprint`) of the projection every row of
    /// both mirrors was made under, or `nil` when no full snapshot vouches for one (never
    /// recorded, or forgotten because a run with another mapping wrote rows). A snapshot under
    /// the same fingerprint may keep a listed record whose raw JSON is unchanged without
    /// projecting it again.
    func projectionFingerprint() async throws -> String?

    /// Records the fingerprint every mirror row is now projected under (after a full snapshot
    /// of both sides), or forgets it (`nil`) before rows are written under another mapping.
    func setProjectionFingerprint(_ fingerprint: String?) async throws

    /// Inserts or replaces records outside a full snapshot (delta sync, webhook re-reads).
    func upsert(_ side: Side, _ records: [MirrorRecord]) async throws

    /// Removes records seen deleted (history feed, webhook), keeping each in `audit`.
    func remove(_ side: Side, ids: [String], runId: Int64?, reason: String) async throws

    /// When the last full snapshot of `side` that finished started (everything changed before
    /// then is in the mirror); `nil` when none finished.
    func lastFullSnapshotStart(_ side: Side) async throws -> Date?

    /// The number of records in `side`'s mirror.
    func mirrorCount(_ side: Side) async throws -> Int

    /// One mirrored record's projection, or `nil` when the mirror does not hold it.
    func record(_ side: Side, id: String) async throws -> RecordState?

    /// The mirrored projections of those of the records `ids` of `side` the mirror holds, by
    /// id: `record(_:id:)` for a whole listed page in one read instead of one read per record.
    func records(_ side: Side, ids: [String]) async throws -> [String: RecordState]

    /// One mirrored record's raw API JSON, or `nil` when the mirror does not hold it.
    func rawRecord(_ side: Side, id: String) async throws -> String?

    // MARK: - Pairs

    /// Streams every linked pair (each base with both sides' projections) in Fulcrum id order,
    /// `batchSize` pairs at a time; a side missing from its mirror is `nil`.
    ///
    /// Memory stays constant: each batch is read in its own short read transaction by keyset
    /// paging (`fulcrum_id > last`), so the writer is never held back by a long read, and the
    /// next batch is read and decoded (on GRDB's reader queue, not a cooperative thread) while
    /// `body` runs. Pairs written while streaming may or may not be seen; plan from a quiet file.
    /// If `body` throws, streaming stops and the error is rethrown.
    func forEachLinkedPair(
        batchSize: Int,
        _ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void
    ) async throws

    /// The linked pairs whose Fulcrum id is in `fulcrumIds` or whose contact id is in
    /// `contactIds`, in Fulcrum id order: what a delta pass plans when it touched only these.
    func linkedPairs(fulcrumIds: Set<String>, contactIds: Set<String>) async throws -> [(PairBase, RecordState?, RecordState?)]

    /// Projections of `side`'s mirrored records that belong to no base (not yet linked), by id.
    func unlinkedRecords(_ side: Side) async throws -> [RecordState]

    /// Of the records `ids` of `side`, the mirrored ones that belong to no base, by id: what
    /// a delta pass that touched only `ids` may have to match or create.
    func unlinkedRecords(_ side: Side, among ids: Set<String>) async throws -> [RecordState]

    /// Loads every base and both mirrors at once, in one consistent read. For small files and
    /// tests; use `forEachLinkedPair` and `unlinkedRecords` for large ones.
    func loadAll() async throws -> StoreContents

    /// The base of one pair, or `nil` when the Fulcrum record has none.
    func base(fulcrumId: String) async throws -> PairBase?

    /// The number of live linked pairs (bases that are not tombstones of a delete).
    func liveBaseCount() async throws -> Int

    /// The number of linked pairs with a base.
    func baseCount() async throws -> Int

    // MARK: - Relink

    /// Records `base` for a partner re-created after a delete (modify beats delete), releasing
    /// the survivor's link to the deleted partner in the same transaction.
    func recordBaseReleasingDeletedPartners(_ base: PairBase) async throws

    // MARK: - Reports

    /// Saves the report of a run (the `report.json` text), replacing an earlier one.
    func saveRunReport(runId: Int64, json: Data) async throws

    /// The stored report of a run, or `nil` when the run stored none (or the file predates v2).
    func runReport(runId: Int64) async throws -> Data?

    /// The id of the latest run that stored a report, or `nil`.
    func lastReportedRunId() async throws -> Int64?

    /// The latest runs, newest first.
    func recentRuns(limit: Int) async throws -> [RunRecord]

    /// Every resume cursor, by name.
    func cursors() async throws -> [String: String]

    // MARK: - Runs

    /// Records the start of a run and returns its id.
    func startRun(kind: String, mode: String) async throws -> Int64

    /// Records how a run ended, with its summary counts.
    func finishRun(_ id: Int64, outcome: String, counts: [String: Int]) async throws

    /// A run by id, or `nil`.
    func run(_ id: Int64) async throws -> RunRecord?

    /// Runs that started but never finished (the process died, or one is still running), oldest first.
    func unfinishedRuns() async throws -> [RunRecord]
}

extension StateStore {
    /// `forEachLinkedPair(batchSize:keeping:_:)` in batches of 1,000 pairs.
    public func forEachLinkedPair(keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void) async throws {
        try await forEachLinkedPair(batchSize: 1_000, keeping: keys, body)
    }

    /// `forEachLinkedPair(batchSize:_:)` in batches of 1,000 pairs.
    public func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void) async throws {
        try await forEachLinkedPair(batchSize: 1_000, body)
    }

    /// Records a pair's children as agreed without a Fulcrum record to store.
    public func completeChildren(fulcrumId: String, contactId: String, children: [ChildBase], journal: [Int64]) async throws {
        try await completeChildren(fulcrumId: fulcrumId, contactId: contactId, children: children, journal: journal, fulcrumRecord: nil)
    }

    /// Marks a journal entry done without advancing a base or touching the mirrors.
    public func completeJournal(_ id: Int64, response: String?) async throws {
        try await completeJournal(id, response: response, base: .keep, mirror: [], audit: [], releasingDeletedPartners: false)
    }

    /// The inbox events waiting, due now or earlier, oldest first, at most 1,000.
    public func pendingInboxEvents(due: Date?) async throws -> [InboxEvent] {
        try await pendingInboxEvents(due: due, limit: 1_000)
    }

    /// Every inbox event waiting, oldest first, at most 1,000.
    public func pendingInboxEvents() async throws -> [InboxEvent] {
        try await pendingInboxEvents(due: nil, limit: 1_000)
    }

    /// The 100 oldest parked inbox events.
    public func parkedInboxEvents() async throws -> [InboxEvent] {
        try await parkedInboxEvents(limit: 100)
    }

    /// The 10 most recently applied decisions.
    public func appliedDecisions() async throws -> [StoredDecision] {
        try await appliedDecisions(limit: 10)
    }

    /// The 10 most recent runs.
    public func recentRuns() async throws -> [RunRecord] {
        try await recentRuns(limit: 10)
    }

    /// Records how a run ended, without counts.
    public func finishRun(_ id: Int64, outcome: String) async throws {
        try await finishRun(id, outcome: outcome, counts: [:])
    }

    /// Ends a full snapshot of `side` outside any run.
    public func finishSnapshot(_ side: Side, snapshot seq: Int64) async throws -> SnapshotOutcome {
        try await finishSnapshot(side, snapshot: seq, runId: nil)
    }

    /// Removes records from a mirror outside any run, as deleted.
    public func remove(_ side: Side, ids: [String]) async throws {
        try await remove(side, ids: ids, runId: nil, reason: "deleted")
    }
}
