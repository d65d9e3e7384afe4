import Foundation

extension GHLStore {
    // MARK: - Custom field definitions

    /// A definition with the keys GET lists on every item (`locationId`, `model`, `placeholder`,
    /// `position`, `picklistOptions`) filled in where the configured one leaves them out.
    func completed(_ definition: JSONValue) -> JSONValue {
        guard var object = definition.objectValue else { return definition }
        object["locationId"] = object["locationId"] ?? .string(options.locationId)
        object["model"] = object["model"] ?? "contact"
        object["placeholder"] = object["placeholder"] ?? ""
        object["position"] = object["position"] ?? .int(0)
        object["picklistOptions"] = object["picklistOptions"] ?? .array([])
        return .object(object)
    }

    /// `POST /locations/:locationId/customFields`: creates one custom field and returns its
    /// definition as GET lists it.
    ///
    /// ghl.md documents only the scope (`locations/customFields.write`) and the GET shape, not
    /// the create body: the simulator takes `name` and `dataType` (required), `placeholder`,
    /// `position`, `fieldKey`, and the picklist as `options` or `picklistOptions` (a list of
    /// strings, required for CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS and RADIO). A name or key
    /// already in use is refused, as the GHL app refuses it.
    func createCustomField(_ body: JSONValue) throws(SimError) -> JSONValue {
        guard let fields = body.objectValue else { throw GHLErrors.unprocessable(["body must be an object"]) }
        var messages: [String] = []
        let allowed: Set<String> = ["name", "dataType", "placeholder", "position", "fieldKey", "options", "picklistOptions", "model"]
        for key in fields.keys.sorted() where !allowed.contains(key) { messages.append("property \(key) should not exist") }
        let name = fields["name"]?.stringValue?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { messages.append("name should not be empty") }
        let types = ["TEXT", "LARGE_TEXT", "NUMERICAL", "PHONE", "MONETORY", "CHECKBOX", "SINGLE_OPTIONS",
                     "MULTIPLE_OPTIONS", "RADIO", "DATE", "TEXTBOX_LIST", "FILE_UPLOAD", "SIGNATURE", "EMAIL"]
        let dataType = fields["dataType"]?.stringValue ?? ""
        if !types.contains(dataType) { messages.append("dataType must be one of the following values: \(types.joined(separator: ", "))") }
        let rawOptions = fields["options"] ?? fields["picklistOptions"] ?? .array([])
        let options = (rawOptions.arrayValue ?? []).compactMap(\.stringValue)
        if rawOptions.arrayValue == nil || options.count != rawOptions.arrayValue?.count {
            messages.append("options must be an array of strings")
        } else if ["CHECKBOX", "SINGLE_OPTIONS", "MULTIPLE_OPTIONS", "RADIO", "TEXTBOX_LIST"].contains(dataType), options.isEmpty {
            messages.append("options should not be empty for \(dataType)")
        }
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        let fieldKey = fields["fieldKey"]?.stringValue ?? "contact.\(slug)"
        let existing = customFieldDefinitions()
        if existing.contains(where: { $0["fieldKey"]?.stringValue == fieldKey || $0["name"]?.stringValue?.lowercased() == name.lowercased() }) {
            messages.append("a custom field named \(name) (\(fieldKey)) already exists")
        }
        if !messages.isEmpty { throw GHLErrors.unprocessable(messages) }
        let definition: JSONValue = completed([
            "id": .string(newId()), "name": .string(name), "fieldKey": .string(fieldKey), "dataType": .string(dataType),
            "placeholder": fields["placeholder"] ?? "", "position": fields["position"] ?? .int(existing.count * 50),
            "picklistOptions": .array(options.map(JSONValue.string)), "model": fields["model"] ?? "contact",
        ])
        createdCustomFields.append(definition)
        return definition
    }
}
