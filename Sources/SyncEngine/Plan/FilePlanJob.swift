import Foundation
import SyncCore
import SyncStore

/// `fgsync plan`: plans a reconcile from saved API bodies, writing nothing anywhere.
///
/// Reads the mapping, the form, both snapshots and (optionally) the state file's bases, and
/// returns the plan a live run would apply. Without a state file the base is empty: a first sync.
public struct FilePlanJob: Sendable {
    /// The YAML mapping.
    public var configURL: URL
    /// Which sync of a `syncs:` config (nil: a single-sync config).
    public var sync: String? = nil
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
    /// The body of `GET /locations/{id}/customFields`, when saved: custom fields then convert
    /// by their types; without it they convert as text.
    public var ghlCustomFieldsURL: URL?
    /// Saved GHL children (notes, tasks, appointments) per contactId, when given: the plan then
    /// includes the children of the contacts listed there (see `SavedChildren`).
    public var ghlChildrenURL: URL? = nil

    /// Creates a job.
    public init(
        configURL: URL, formURL: URL, recordsURL: URL, contactsURL: URL, baseSource: (any BaseSource)? = nil,
        policyOverride: ConflictPolicy? = nil, force: Bool = false, ghlCustomFieldsURL: URL? = nil
    ) {
        self.ghlCustomFieldsURL = ghlCustomFieldsURL
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

    /// Runs the job: the saved bodies are served as gateways, snapshotted into a scratch store
    /// (a copy of the state file, or an empty one) and planned through `PlanningPass`, the code
    /// `reconcile` runs. Throws `SyncCoreError` (config, snapshots), `SyncEngineError` (files),
    /// or `StoreError` (the state file).
    public func run() async throws -> Result {
        let config = try MappingConfig.load(contentsOf: configURL, sync: sync)
        let formBody = try read(formURL, what: "form")
        let form = try FormDefinition(json: formBody, source: formURL.lastPathComponent)
        let definitions = try ghlCustomFieldsURL.map {
            try GHLCustomField.list(json: read($0, what: "GHL custom fields"), source: $0.lastPathComponent)
        }
        let mapping = try ResolvedMapping(config: config, form: form, ghlCustomFields: definitions ?? [])
        let bodies = try SavedBodies(
            form: formBody, records: read(recordsURL, what: "Fulcrum records"), recordsSource: recordsURL.lastPathComponent,
            contacts: read(contactsURL, what: "GHL contacts"), contactsSource: contactsURL.lastPathComponent, mapping: mapping)
        let scratch = try await baseSource?.scratchState() ?? ScratchState()
        defer { scratch.remove() }
        let planner = Planner(settings: PlannerSettings(mapping: mapping, policyOverride: policyOverride))
        let runId = try await scratch.store.startRun(kind: "plan", mode: "dry-run")
        let ghl: any GHLGateway = try ghlChildrenURL.map {
            try SavedChildren(contacts: bodies.ghl, json: read($0, what: "GHL children"), source: $0.lastPathComponent)
        } ?? bodies.ghl
        let pass = try await PlanningPass(store: scratch.store, mapping: mapping, planner: planner).run(
            fulcrum: bodies.fulcrum, ghl: ghl, runId: runId, force: force, dryRun: true,
            progress: Progress(report: { _ in }))
        var plan = pass.plan
        plan.held = bodies.held + plan.held
        var document = PlanDocument(plan: plan, mapping: mapping)
        document.lookups = pass.lookups.isEmpty ? nil : pass.lookups
        return Result(plan: plan, mapping: mapping, document: document)
    }

    private func read(_ url: URL, what: String) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SyncEngineError(.input, "\(url.path): cannot read the \(what) file (\(error.localizedDescription))")
        }
    }
}

/// Where a plan's state comes from: a copy of a state file, or bases given directly.
public protocol BaseSource: Sendable {
    /// A scratch store holding the state to plan against (bases, mapping fingerprint, people's
    /// decisions, mirrors); the plan writes only into it.
    func scratchState() async throws -> ScratchState
}

/// Bases given directly (tests, tools): written into an empty scratch store.
public struct StoredBases: BaseSource {
    /// The bases.
    public var bases: [PairBase]
    /// The mapping fingerprint they were written under.
    public var mappingHash: String?

    /// Creates stored bases.
    public init(bases: [PairBase], mappingHash: String?) {
        self.bases = bases
        self.mappingHash = mappingHash
    }

    /// An empty scratch store holding these bases and fingerprint.
    public func scratchState() async throws -> ScratchState {
        let scratch = try ScratchState()
        try await scratch.store.recordBases(bases)
        if let mappingHash { try await scratch.store.setMappingHash(mappingHash) }
        return scratch
    }
}
