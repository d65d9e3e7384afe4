import Foundation
import SyncCore
import SyncEngine
import TestSupport

/// Runs a scenario through the real path from files: `FilePlanJob` with the scenario's bases.
enum ScenarioRunner {
    /// The job for `scenario`; bases are normalised under the scenario's own mapping.
    static func job(_ scenario: Scenario) throws -> FilePlanJob {
        var source: (any BaseSource)?
        // When the mapping itself is wrong, the job reports it; bases need a valid mapping.
        if let mapping = try? mapping(scenario) {
            let stored = try scenario.storedBases(mapping: mapping)
            source = StoredBases(bases: stored.bases, mappingHash: stored.mappingHash)
        }
        return FilePlanJob(
            configURL: scenario.configURL, formURL: scenario.formURL, recordsURL: scenario.recordsURL,
            contactsURL: scenario.contactsURL, baseSource: source,
            policyOverride: scenario.options.conflictPolicy, force: scenario.options.force ?? false,
            ghlCustomFieldsURL: scenario.customFieldsURL)
    }

    /// The scenario's resolved mapping.
    static func mapping(_ scenario: Scenario) throws -> ResolvedMapping {
        let config = try MappingConfig.load(contentsOf: scenario.configURL)
        let form = try FormDefinition(
            json: Data(contentsOf: scenario.formURL), source: scenario.formURL.lastPathComponent)
        let definitions = try scenario.customFieldsURL.map { try GHLCustomField.list(json: Data(contentsOf: $0)) }
        return try ResolvedMapping(config: config, form: form, ghlCustomFields: definitions ?? [])
    }

    /// Plans the scenario named `name`.
    static func run(_ name: String) async throws -> FilePlanJob.Result {
        try await job(ScenarioLoader.load(name)).run()
    }
}
