import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing
import TestSupport

/// The golden scenarios through a real reconcile: both simulators are seeded with the
/// scenario's records and contacts (its form, its custom fields, its timestamps), the state file
/// with its bases, and `reconcile` runs over loopback. Its dry run must send exactly the
/// operations `fgsync plan` printed from the saved bodies, and applying them must converge.
struct GoldenScenarioLiveTests {
    /// Scenarios whose input no API could serve, and why.
    static let notServable: [String: String] = [
        "invalid-record-without-id-held": "a record without an id: the Fulcrum API always returns one",
        "snapshot-pages-overlap-later-wins": "two pages listing one record with different values: a property of saved bodies",
        "conflict-newest-tie": "a record and a contact without server times: both APIs always send them",
    ]

    static var live: [String] {
        ScenarioLoader.names().filter { name in
            notServable[name] == nil && !((try? ScenarioLoader.load(name))?.expectsError ?? true)
        }
    }

    @Test(arguments: live)
    func aRealReconcileSendsTheOperationsThePlanShows(_ name: String) async throws {
        let scenario = try ScenarioLoader.load(name)
        let fromFiles = try await ScenarioRunner.job(scenario).run()
        try await LiveScenario.run(scenario) { live in
            let dry = try await live.reconcile(dryRun: true)
            let expected = try live.canonical(scenario.expected().operations)
            let sent = try live.canonical(try #require(dry.operations, "a dry run lists its operations"))
            #expect(sent == expected, "\(name): the live dry run and the golden plan differ")
            #expect(try live.canonical(fromFiles.document.operations) == expected)
            #expect(
                dry.conflicts.map(LiveScenario.conflictKey) == fromFiles.document.conflicts.map(LiveScenario.conflictKey))
            #expect(dry.rails.map(\.kind) == fromFiles.document.rails.map(\.kind))
        }
    }

    @Test(arguments: live)
    func applyingTheScenarioForRealConvergesInOneRun(_ name: String) async throws {
        let scenario = try ScenarioLoader.load(name)
        try await LiveScenario.run(scenario) { live in
            let applied = try await live.reconcile(dryRun: false)
            guard applied.outcome != "refused" else { return }  // the rail scenarios write nothing
            #expect(applied.outcome == "ok", "\(name): \(applied.failed)")
            #expect(applied.applied == applied.planned, "\(name): not every planned operation was applied")
            let again = try await live.reconcile(dryRun: true)
            #expect(again.operations == [], "\(name): the next run still writes \(again.operations ?? [])")
        }
    }
}

/// One scenario served by both simulators, with a state file holding its bases.
struct LiveScenario {
    let sims: LiveSimulators
    let config: MappingConfig
    let mapping: ResolvedMapping
    let statePath: String
    let options: ScenarioOptions

    static func run(_ scenario: Scenario, _ body: (LiveScenario) async throws -> Void) async throws {
        let config = try MappingConfig.load(contentsOf: scenario.configURL)
        let fileMapping = try ScenarioRunner.mapping(scenario)
        var options = SimulatorOptions()
        options.fulcrum.formId = config.fulcrum.id
        options.fulcrum.form = try JSONValue.parse(Data(contentsOf: scenario.formURL))
        options.ghl.locationId = config.ghl.id
        options.ghl.externalIdFieldId = fileMapping.ghlLinkFieldId
        options.ghl.customFields = fileMapping.fields.compactMap { field -> JSONValue? in
            guard case .custom(let id) = field.ghl else { return nil }
            return ["id": .string(id), "name": .string(id), "fieldKey": .string("contact.\(id)"), "dataType": "TEXT"]
        }
        if let url = scenario.customFieldsURL {
            // The scenario's own typed definitions (the simulator adds the link field itself).
            let listed = try JSONValue.parse(Data(contentsOf: url))
            options.ghl.customFields = (listed["customFields"]?.arrayValue ?? []).filter {
                $0["id"]?.stringValue != fileMapping.ghlLinkFieldId
            }
        }
        func items(_ url: URL, _ key: String) throws -> [JSONValue] {
            try SnapshotDecoder.items(Data(contentsOf: url), source: url.lastPathComponent, key: key).map {
                try JSONValue.parse(JSONSerialization.data(withJSONObject: $0))
            }
        }
        options.seed.fulcrumRecords = try items(scenario.recordsURL, "records")
        options.seed.ghlContacts = try items(scenario.contactsURL, "contacts")
        let sims = try await LiveSimulators.start(options: options, clientOptions: LiveHarness.clientOptions())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let mapping = try ResolvedMapping(
                config: config, form: FormDefinition(json: try await sims.fulcrumGateway.form()),
                ghlCustomFields: try await sims.ghlGateway.customFields())
            let statePath = directory.appendingPathComponent("state.sqlite").path
            let stored = try scenario.storedBases(mapping: mapping)
            let store = try SQLiteStateStore(path: statePath)
            try await store.recordBases(stored.bases)
            if let hash = stored.mappingHash { try await store.setMappingHash(hash) }
            try store.close()
            try await body(LiveScenario(sims: sims, config: config, mapping: mapping, statePath: statePath, options: scenario.options))
        } catch {
            await sims.stop()
            throw error
        }
        await sims.stop()
    }

    /// A reconcile of the scenario's state file; a dry run works on a scratch copy of it, as
    /// `fgsync reconcile --dry-run` does.
    func reconcile(dryRun: Bool) async throws -> RunReport {
        let scratch = dryRun ? try ScratchState(copying: statePath) : nil
        defer { scratch?.remove() }
        let store = try scratch?.store ?? SQLiteStateStore(path: statePath)
        let ids = Counter()
        return try await ReconcileJob(
            config: config, store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway,
            options: ReconcileOptions(dryRun: dryRun, force: options.force ?? false, policyOverride: options.conflictPolicy),
            newRecordId: { "rec-\(ids.next())" }
        ).run()
    }

    /// Operations as lines that compare by meaning: values in canonical form (an API may store
    /// `+1 415 555 0177` as `+14155550177`), tags case-folded, in a stable order.
    func canonical(_ operations: [PlanDocument.OperationEntry]) throws -> [String] {
        operations.map { operation in
            let side: Side = operation.side == "ghl" ? .ghl : .fulcrum
            let fields = operation.fields.map { name, value -> String in
                let field = mapping.fields.first { (side == .ghl ? $0.ghl.displayName : $0.key) == name }
                guard let value, let field else { return "\(name)=\(value ?? "nil")" }
                if case .value(let canonical) = mapping.normalise(value, for: field) { return "\(name)=\(canonical.canonical)" }
                return "\(name)=nil"
            }.sorted()
            let tags = operation.tags.map(TagSet.fold).sorted()
            return "\(operation.side) \(operation.kind) \(operation.fulcrumId ?? "-")/\(operation.contactId ?? "-") \(fields) \(tags)"
        }.sorted()
    }

    static func conflictKey(_ conflict: PlanDocument.ConflictEntry) -> String {
        "\(conflict.fulcrumId)/\(conflict.contactId) \(conflict.field) \(conflict.winner ?? "-") \(conflict.rule)"
    }
}
