import Foundation
import SyncCore
import TestSupport

/// The scenarios' shared config and form (`fixtures/scenarios/_shared`), resolved, for unit tests.
enum SharedMapping {
    static func form() throws -> FormDefinition {
        try FormDefinition(
            json: Data(contentsOf: ScenarioLoader.shared.appendingPathComponent("form.json")),
            source: "form.json")
    }

    static func config() throws -> MappingConfig {
        try MappingConfig.load(contentsOf: ScenarioLoader.shared.appendingPathComponent("config.yaml"))
    }

    static func resolved(ghlCustomFieldIds: [String: String] = [:]) throws -> ResolvedMapping {
        try ResolvedMapping(config: config(), form: form(), ghlCustomFieldIds: ghlCustomFieldIds)
    }

    /// A JSON object literal as the dictionary a projection reads.
    static func object(_ json: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    }
}
