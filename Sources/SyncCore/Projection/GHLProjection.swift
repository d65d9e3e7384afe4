import Foundation

/// Reduces a GHL contact's JSON to its canonical `RecordState` under a mapping.
///
/// Reads standard fields, `customFields` as `[{id, value}]` (or `fieldValue`, as some
/// endpoints spell it, ghl.md §6.2), `tags`, and `dateUpdated`.
public struct GHLProjection: Sendable {
    /// The resolved mapping.
    public let mapping: ResolvedMapping

    /// Creates a projection.
    public init(mapping: ResolvedMapping) {
        self.mapping = mapping
    }

    /// Projects one contact object. Throws when the contact has no id.
    public func project(_ contact: [String: Any]) throws -> RecordState {
        guard let id = contact["id"] as? String, !id.isEmpty else {
            throw SyncCoreError(.invalidSnapshot, "a GHL contact has no \"id\"")
        }
        var custom: [String: String] = [:]
        for case let item as [String: Any] in contact["customFields"] as? [Any] ?? [] {
            guard let fieldId = item["id"] as? String,
                let text = Self.text(item["value"] ?? item["fieldValue"] ?? item["field_value"])
            else { continue }
            custom[fieldId] = text
        }
        var state = RecordState(id: id)
        state.updatedAt = (contact["dateUpdated"] as? String).flatMap(Timestamp.parse)
        state.tags = TagSet((contact["tags"] as? [Any] ?? []).compactMap { $0 as? String })
        if let link = custom[mapping.ghlLinkFieldId]?.trimmingCharacters(in: .whitespacesAndNewlines), !link.isEmpty {
            state.linkId = link
        }
        mapping.project(into: &state) { field in
            switch field.ghl {
            case .standard(let name): Self.text(contact[name])
            case .custom(let fieldId): custom[fieldId]
            }
        }
        return state
    }

    /// A JSON scalar (or list of scalars) as text.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        case let list as [Any]:
            let items = list.compactMap { text($0) }
            return items.isEmpty ? nil : items.joined(separator: ", ")
        default: return nil
        }
    }
}
