import Foundation
import SyncCore
import TestSupport

/// The field-type scenarios' mapping (`fixtures/scenarios/_types`): one field of every Fulcrum
/// type mapped to each GHL type it pairs with, resolved against the location's definitions.
enum TypedMapping {
    static func file(_ name: String) throws -> Data {
        try Data(contentsOf: ScenarioLoader.typed.appendingPathComponent(name))
    }

    static func form() throws -> FormDefinition { try FormDefinition(json: file("form.json"), source: "form.json") }

    static func definitions() throws -> [GHLCustomField] { try GHLCustomField.list(json: file("custom-fields.json")) }

    static func config() throws -> MappingConfig {
        try MappingConfig.load(contentsOf: ScenarioLoader.typed.appendingPathComponent("config.yaml"))
    }

    static func resolved() throws -> ResolvedMapping {
        try ResolvedMapping(config: config(), form: form(), ghlCustomFields: definitions())
    }

    /// A JSON text as the value a projection reads (`"42"`, `42`, `["a"]`, `{"choice_values": []}`).
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// A Fulcrum record holding `value` (JSON text) in the element of mapping key `key`
    /// (for an address part, the part's text or the whole address object).
    static func record(_ mapping: ResolvedMapping, _ key: String, _ value: String) throws -> [String: Any] {
        let field = try field(mapping, key)
        var parsed = try json(value)
        // An address part given as a text is that part; given as an object, the whole address.
        if let part = field.addressPart, !(parsed is [String: Any]) { parsed = [part: parsed] }
        return ["id": "f-1", "form_values": [field.element.key: parsed]]
    }

    /// A GHL contact holding `value` (JSON text) in the field of mapping key `key`, as GHL returns it.
    static func contact(_ mapping: ResolvedMapping, _ key: String, _ value: String) throws -> [String: Any] {
        let field = try field(mapping, key)
        switch field.ghl {
        case .standard(let name): return ["id": "G1", name: try json(value)]
        case .custom(let id): return ["id": "G1", "customFields": [["id": id, "value": try json(value)]]]
        }
    }

    static func field(_ mapping: ResolvedMapping, _ key: String) throws -> ResolvedField {
        guard let field = mapping.fields.first(where: { $0.key == key }) else {
            throw SyncCoreError(.invalidConfig, "no mapped field \(key)")
        }
        return field
    }
}
