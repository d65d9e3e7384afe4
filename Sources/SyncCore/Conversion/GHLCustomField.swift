import Foundation

/// One custom field definition of a GHL location, as `GET /locations/{id}/customFields` lists
/// it: `{id, name, fieldKey, dataType, picklistOptions, ...}` (ghl.md §6.2).
public struct GHLCustomField: Sendable, Hashable, Codable {
    /// The field id, which contacts' `customFields` items carry.
    public var id: String
    /// The key, e.g. `contact.membership_level`.
    public var fieldKey: String
    /// The name shown in GHL.
    public var name: String
    /// The `dataType` as GHL spells it (kept verbatim so an unknown type can be named).
    public var dataType: String
    /// The options of a picklist type, in GHL's order.
    public var options: [String]

    /// Creates a definition.
    public init(id: String, fieldKey: String, name: String, dataType: String, options: [String] = []) {
        self.id = id
        self.fieldKey = fieldKey
        self.name = name
        self.dataType = dataType
        self.options = options
    }

    /// The type, or `nil` when GHL sent one fgsync does not know.
    public var type: GHLCustomFieldType? { GHLCustomFieldType(rawValue: dataType.uppercased()) }

    /// Reads one definition object; `nil` when it has no text `id`. Options may be strings or
    /// `{label, value}`-like objects (`label`, `value`, `key` or `name`).
    public init?(object: [String: Any]) {
        guard let id = object["id"] as? String, !id.isEmpty else { return nil }
        let options = (object["picklistOptions"] as? [Any] ?? object["options"] as? [Any] ?? []).compactMap { item -> String? in
            if let text = item as? String { return text }
            guard let option = item as? [String: Any] else { return nil }
            return ["label", "value", "key", "name"].lazy.compactMap { option[$0] as? String }.first
        }
        self.init(
            id: id, fieldKey: object["fieldKey"] as? String ?? "", name: object["name"] as? String ?? "",
            dataType: object["dataType"] as? String ?? "TEXT", options: options)
    }

    /// Reads the body of `GET /locations/{id}/customFields` (`{"customFields": [...]}`) or a bare list.
    public static func list(json data: Data, source: String = "custom fields") throws -> [GHLCustomField] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SyncCoreError(.invalidSnapshot, "\(source): not JSON at \(JSONErrorLocation.describe(error, in: data)); expected the body of GET /locations/{id}/customFields")
        }
        guard let items = (object as? [String: Any])?["customFields"] as? [Any] ?? object as? [Any] else {
            throw SyncCoreError(.invalidSnapshot, "\(source): expected {\"customFields\": [...]} as GET /locations/{id}/customFields returns it")
        }
        return items.compactMap { ($0 as? [String: Any]).flatMap(GHLCustomField.init(object:)) }
    }

    /// The names a mapping may use for this field: its id, its key, and the key without `contact.`.
    var names: [String] {
        var names = [id]
        if !fieldKey.isEmpty { names.append(fieldKey) }
        if fieldKey.hasPrefix("contact.") { names.append(String(fieldKey.dropFirst("contact.".count))) }
        return names
    }
}
