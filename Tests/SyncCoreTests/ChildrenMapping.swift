import Foundation
import SyncCore
import TestSupport

/// The child scenarios' shared config and form (`fixtures/children/_shared`): the scenarios'
/// mapping plus notes, tasks and appointments repeatables with hidden link fields.
enum ChildrenMapping {
    static var root: URL { ScenarioLoader.root.deletingLastPathComponent().appendingPathComponent("children") }

    static func formJSON() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("_shared/form.json"))) as? [String: Any] ?? [:]
    }

    static func form(editing edit: (inout [[String: Any]]) -> Void = { _ in }) throws -> FormDefinition {
        var json = try formJSON()
        var form = json["form"] as? [String: Any] ?? json
        var elements = form["elements"] as? [[String: Any]] ?? []
        edit(&elements)
        form["elements"] = elements
        json["form"] = form
        return try FormDefinition(json: JSONSerialization.data(withJSONObject: json), source: "form.json")
    }

    static func configText() throws -> String {
        try String(contentsOf: root.appendingPathComponent("_shared/config.yaml"), encoding: .utf8)
    }

    /// The shared config with its `children:` section replaced by `children`.
    static func configText(children: String) throws -> String {
        let text = try configText()
        return String(text[..<text.range(of: "children:")!.lowerBound]) + children
    }

    static func resolved() throws -> ResolvedMapping {
        try ResolvedMapping(config: MappingConfig.load(yaml: configText(), source: "config.yaml"), form: form())
    }
}
