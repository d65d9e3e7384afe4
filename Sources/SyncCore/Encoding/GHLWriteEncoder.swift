import Foundation

/// Turns planned GHL operations into request bodies in GHL's own encoding.
///
/// Standard fields are written by name with the original spelling (GHL stores phones as E.164
/// itself); custom fields as `{id, field_value}` (ghl.md §6.2) in their type's JSON (numbers,
/// option lists: see `FieldConversion`); a clear is `null` for a standard field, `[]` for an
/// option list and `""` for any other custom field. `locationId` goes only into creates: on PUT it is a 422.
public struct GHLWriteEncoder: Sendable {
    /// The resolved mapping.
    public let mapping: ResolvedMapping

    /// Creates an encoder.
    public init(mapping: ResolvedMapping) {
        self.mapping = mapping
    }

    /// The body of `POST /contacts/` creating the partner of Fulcrum record `fulcrumId`.
    public func createBody(fields: [String: FieldValue?], tags: [String], fulcrumId: String) throws -> Data {
        var body = encode(fields)
        body["locationId"] = mapping.config.ghl.id
        if !tags.isEmpty { body["tags"] = tags }
        var custom = body["customFields"] as? [[String: Any]] ?? []
        custom.append(["id": mapping.ghlLinkFieldId, "field_value": fulcrumId])
        body["customFields"] = custom
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    /// The body of `PUT /contacts/:id` writing `fields` and, when given, the link to `fulcrumId`.
    public func updateBody(fields: [String: FieldValue?], linkTo fulcrumId: String? = nil) throws -> Data {
        var body = encode(fields)
        if let fulcrumId {
            var custom = body["customFields"] as? [[String: Any]] ?? []
            custom.append(["id": mapping.ghlLinkFieldId, "field_value": fulcrumId])
            body["customFields"] = custom
        }
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    /// The body of `POST`/`DELETE /contacts/:id/tags`.
    public func tagsBody(_ tags: [String]) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["tags": tags], options: [.sortedKeys])
    }

    func encode(_ fields: [String: FieldValue?]) -> [String: Any] {
        var body: [String: Any] = [:]
        var custom: [[String: Any]] = []
        for field in mapping.fields {
            guard let entry = fields[field.key] else { continue }
            switch field.ghl {
            case .standard(let name):
                body[name] = entry.map { ghlValue($0, field: field) } ?? NSNull()
            case .custom(let id):
                let cleared: Any = field.conversion.target == .optionList ? [String]() : ""
                custom.append(["id": id, "field_value": entry.map { ghlValue($0, field: field) } ?? cleared])
            }
        }
        if !custom.isEmpty { body["customFields"] = custom.sorted { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") } }
        return body
    }

    /// A value in the GHL field's own type (`FieldConversion.ghlValue`). A value that does not
    /// fit was held by the planner; were one to arrive anyway, it goes as its text and GHL judges it.
    func ghlValue(_ value: FieldValue, field: ResolvedField) -> Any {
        if field.kind == .date, case .standard = field.ghl { return value.canonical }
        switch field.conversion.ghlValue(value, element: field.element) {
        case .value(let converted): return converted
        case .misfit: return value.text
        }
    }
}
