import Foundation

/// A Fulcrum form's element tree, flattened by `data_name`.
///
/// Section children are stored flat in `form_values`, so they resolve like top-level fields;
/// elements inside a Repeatable keep the repeatable's name (fulcrum.md §4.3).
public struct FormDefinition: Sendable, Hashable {
    /// The form id.
    public var id: String
    /// The form name.
    public var name: String
    /// The form's schema version.
    public var version: Int?
    /// Every element with a `data_name`, by `data_name`.
    public var elements: [String: FormElement]
    /// The elements inside each Repeatable, by the repeatable's `data_name`, then `data_name`
    /// (two repeatables may each have a `body`).
    public var repeatableElements: [String: [String: FormElement]] = [:]

    /// Creates a definition from elements.
    public init(id: String, name: String, version: Int? = nil, elements: [FormElement]) {
        self.id = id
        self.name = name
        self.version = version
        self.elements = Dictionary(elements.map { ($0.dataName, $0) }, uniquingKeysWith: { first, _ in first })
        for element in elements {
            guard let repeatable = element.repeatable, repeatableElements[repeatable]?[element.dataName] == nil else { continue }
            repeatableElements[repeatable, default: [:]][element.dataName] = element
        }
    }

    /// Parses what `GET /api/v2/forms/:id.json` returns (`{"form": {...}}`) or a bare form object.
    public init(json data: Data, source: String = "form") throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SyncCoreError(.invalidSnapshot, "\(source): not JSON at \(JSONErrorLocation.describe(error, in: data)); expected the body of GET /api/v2/forms/:id.json")
        }
        guard let top = object as? [String: Any] else {
            throw SyncCoreError(.invalidSnapshot, "\(source): expected a JSON object with a \"form\" key")
        }
        let form = (top["form"] as? [String: Any]) ?? top
        guard let elements = form["elements"] as? [Any] else {
            throw SyncCoreError(.invalidSnapshot, "\(source): the form has no \"elements\" array; fetch it with schema=true")
        }
        var flat: [FormElement] = []
        Self.flatten(elements, repeatable: nil, into: &flat)
        self.init(
            id: form["id"] as? String ?? "",
            name: form["name"] as? String ?? "",
            version: form["version"] as? Int,
            elements: flat
        )
    }

    private static func flatten(_ nodes: [Any], repeatable: String?, into result: inout [FormElement]) {
        for case let node as [String: Any] in nodes {
            let type = node["type"] as? String ?? ""
            let dataName = node["data_name"] as? String
            if let key = node["key"] as? String, let dataName, type != "Section", type != "Label" {
                result.append(element(node, key: key, dataName: dataName, type: type, repeatable: repeatable))
            }
            if let children = node["elements"] as? [Any] {
                let inner = type == "Repeatable" ? (dataName ?? repeatable) : repeatable
                flatten(children, repeatable: inner, into: &result)
            }
        }
    }

    private static func element(
        _ node: [String: Any], key: String, dataName: String, type: String, repeatable: String?
    ) -> FormElement {
        func choice(_ any: Any?) -> FormElement.Choice? {
            guard let object = any as? [String: Any], let value = object["value"] as? String else { return nil }
            return .init(label: object["label"] as? String ?? value, value: value)
        }
        let choices = (node["choices"] as? [Any] ?? []).compactMap(choice)
        var yesNo: [FormElement.Choice] = []
        if type == "YesNoField" {
            yesNo = [choice(node["positive"]) ?? .init(label: "Yes", value: "yes"),
                     choice(node["negative"]) ?? .init(label: "No", value: "no")]
            if node["neutral_enabled"] as? Bool ?? false {
                yesNo.append(choice(node["neutral"]) ?? .init(label: "N/A", value: "n/a"))
            }
        }
        return FormElement(
            key: key, dataName: dataName, type: type, label: node["label"] as? String ?? "",
            numeric: node["numeric"] as? Bool ?? false, choices: choices,
            multiple: node["multiple"] as? Bool ?? false, allowOther: node["allow_other"] as? Bool ?? false,
            yesNo: yesNo, repeatable: repeatable, hidden: node["hidden"] as? Bool ?? false
        )
    }
}
