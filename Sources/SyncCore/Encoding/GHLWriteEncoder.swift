import Foundation

/// Turns planned GHL operations into request bodies in GHL's own encoding.
///
/// Standard fields are written by name with the original spelling (GHL stores phones as E.164
/// itself); custom fields as `{id, field_value}` (ghl.md §6.2); a clear is `null` for a standard
/// field and `""` for a custom one. `locationId` goes only into creates: on PUT it is a 422.
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
                body[name] = entry.map { field.kind == .date ? $0.canonical : $0.text } ?? NSNull()
            case .custom(let id):
                custom.append(["id": id, "field_value": entry?.text ?? ""])
            }
        }
        if !custom.isEmpty { body["customFields"] = custom.sorted { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") } }
        return body
    }
}
