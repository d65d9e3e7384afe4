import Foundation
import SyncCore

/// `fgsync plan`: plans a reconcile from saved API bodies, writing nothing anywhere.
///
/// Reads the mapping, the form, both snapshots and (optionally) the state file's bases, and
/// returns the plan a live run would apply. Without a state file the base is empty: a first sync.
public struct FilePlanJob: Sendable {
    /// The YAML mapping.
    public var configURL: URL
    /// The body of `GET /api/v2/forms/:id.json`.
    public var formURL: URL
    /// The body (or bodies) of `GET /api/v2/records.json`.
    public var recordsURL: URL
    /// The body (or bodies) of `GET /contacts/` or `POST /contacts/search`.
    public var contactsURL: URL
    /// Bases and the previous mapping fingerprint, read from this state file when given.
    public var baseSource: (any BaseSource)?
    /// Overrides every field's conflict policy.
    public var policyOverride: ConflictPolicy?
    /// Plans as if rails had been overridden (the plan still lists them).
    public var force: Bool

    /// Creates a job.
    public init(
        configURL: URL, formURL: URL, recordsURL: URL, contactsURL: URL, baseSource: (any BaseSource)? = nil,
        policyOverride: ConflictPolicy? = nil, force: Bool = false
    ) {
        self.configURL = configURL
        self.formURL = formURL
        self.recordsURL = recordsURL
        self.contactsURL = contactsURL
        self.baseSource = baseSource
        self.policyOverride = policyOverride
        self.force = force
    }

    /// What the job produced.
    public struct Result: Sendable {
        /// The plan.
        public var plan: Plan
        /// The mapping it was made under.
        public var mapping: ResolvedMapping
        /// The plan's document (for JSON and text output).
        public var document: PlanDocument
    }

    /// Runs the job. Throws `SyncCoreError` (config, snapshots) or `SyncEngineError` (files).
    public func run() async throws -> Result {
        let config = try MappingConfig.load(contentsOf: configURL)
        let form = try FormDefinition(json: read(formURL, what: "form"), source: formURL.lastPathComponent)
        let mapping = try ResolvedMapping(config: config, form: form)
        let fulcrum = try SnapshotDecoder.fulcrum(
            read(recordsURL, what: "Fulcrum records"), source: recordsURL.lastPathComponent,
            projection: FulcrumProjection(mapping: mapping))
        let ghl = try SnapshotDecoder.ghl(
            read(contactsURL, what: "GHL contacts"), source: contactsURL.lastPathComponent,
            projection: GHLProjection(mapping: mapping))
        let stored = try baseSource?.loadBases() ?? StoredBases(bases: [], mappingHash: nil)
        let planner = Planner(settings: PlannerSettings(mapping: mapping, policyOverride: policyOverride))
        // No server to read history from; a state file's webhook inbox is still evidence.
        let evidence = ChangeEvidenceCollector(mapping: mapping, fulcrum: nil, store: (baseSource as? StateBaseSource)?.store)
        var plan = try await evidence.plan(with: planner) {
            $0.plan(PlanInput(
                bases: stored.bases, fulcrum: fulcrum.records, ghl: ghl.records,
                storedMappingHash: stored.mappingHash, force: force))
        }
        plan.held = (fulcrum.held + ghl.held + plan.held)
        return Result(plan: plan, mapping: mapping, document: PlanDocument(plan: plan, mapping: mapping))
    }

    private func read(_ url: URL, what: String) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SyncEngineError(.input, "\(url.path): cannot read the \(what) file (\(error.localizedDescription))")
        }
    }
}

/// Where a plan's bases come from: the state file, or nothing on a first sync.
public protocol BaseSource: Sendable {
    /// Every stored base and the mapping fingerprint they were written under.
    func loadBases() throws -> StoredBases
}

/// Bases read from a state file.
public struct StoredBases: Sendable {
    /// The bases.
    public var bases: [PairBase]
    /// The mapping fingerprint they were written under.
    public var mappingHash: String?

    /// Creates stored bases.
    public init(bases: [PairBase], mappingHash: String?) {
        self.bases = bases
        self.mappingHash = mappingHash
    }
}
