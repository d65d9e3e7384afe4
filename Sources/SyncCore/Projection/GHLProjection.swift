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

    /// Projects one contact object. Throws when the contact has no usable id or its
    /// `customFields` is not a list of `{id, value}`: such a contact cannot be tracked. A
    /// mapped value of the wrong JSON type is an issue on its field (see `FieldRead`).
    public func project(_ contact: [String: Any]) throws -> RecordState {
        guard let id = contact["id"] as? String, !id.isEmpty else {
            let found = contact["id"] == nil ? "" : " (found \(FieldRead.describe(contact["id"])))"
            throw SyncCoreError(.invalidSnapshot, "a GHL contact has no \"id\"\(found)")
        }
        var custom: [String: Any] = [:]
        let rawCustom = contact["customFields"]
        guard rawCustom == nil || rawCustom is NSNull || rawCustom is [Any] else {
            throw SyncCoreError(.invalidSnapshot, "GHL contact \(id): \"customFields\" is \(FieldRead.describe(rawCustom)), expected a list of {id, value}")
        }
        for item in rawCustom as? [Any] ?? [] {
            guard let item = item as? [String: Any], let fieldId = item["id"] as? String else {
                throw SyncCoreError(.invalidSnapshot, "GHL contact \(id): a \"customFields\" item is \(FieldRead.describe(item)), expected {id, value} with a text id")
            }
            custom[fieldId] = item["value"] ?? item["fieldValue"] ?? item["field_value"] ?? NSNull()
        }
        var state = RecordState(id: id)
        state.updatedAt = (contact["dateUpdated"] as? String).flatMap(Timestamp.parse)
        switch contact["tags"] {
        case nil, is NSNull: break
        case let list as [Any] where list.allSatisfy({ $0 is String }):
            state.tags = TagSet(list.compactMap { $0 as? String })
        case let other?:
            let found = (other as? [Any]).map { list in "a list with \(FieldRead.describe(list.first { !($0 is String) }))" } ?? FieldRead.describe(other)
            state.issues.append(.wrongType(field: TagSet.issueField, expected: "a list of text", found: found, side: .ghl))
        }
        switch custom[mapping.ghlLinkFieldId].map({ Self.read($0, listAllowed: true) }) {
        case .text(let link):
            let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
            state.linkId = trimmed.isEmpty ? nil : trimmed
        case .wrongType(let expected, let found):
            state.issues.append(.wrongType(field: mapping.config.fulcrumLinkField, expected: expected, found: found, side: .ghl))
        case .absent, nil: break
        }
        mapping.project(into: &state, side: .ghl) { field in
            switch field.ghl {
            case .standard(let name): Self.read(contact[name], listAllowed: false)
            case .custom(let fieldId): Self.read(custom[fieldId], as: field.conversion.target)
            }
        }
        return state
    }

    /// A custom field's value as text for its target: a DATE given as a number is read as
    /// milliseconds since 1970 (GHL's other number-dates are epoch milliseconds, ghl.md §8.9;
    /// the docs do not say how DATE values come back), as the day it falls on in UTC.
    static func read(_ value: Any?, as target: FieldConversion.Target) -> FieldRead {
        if target == .date, let value, !FieldRead.isBool(value), let number = value as? NSNumber {
            let date = Date(timeIntervalSince1970: number.doubleValue / 1000)
            return .text(String(Timestamp.format(date, milliseconds: false).prefix(10)))
        }
        return read(value, listAllowed: true)
    }

    /// A value as text: a string, or a number as its digits; a list of those only where the
    /// field may hold several (custom multi-option fields). An object, a boolean where text is
    /// expected, or a list in a standard field is a wrong type.
    static func read(_ value: Any?, listAllowed: Bool) -> FieldRead {
        switch value {
        case let list as [Any] where listAllowed:
            var items: [String] = []
            for item in list {
                guard case .text(let text) = FieldRead.scalar(item) else {
                    return .wrongType(expected: "a list of text", found: "a list with \(FieldRead.describe(item))")
                }
                items.append(text)
            }
            return items.isEmpty ? .absent : .text(items.joined(separator: ", "))
        case let flag? where FieldRead.isBool(flag) && listAllowed:
            // Custom checkbox-like fields store true/false.
            return .text((flag as? Bool) == true ? "true" : "false")
        default:
            return FieldRead.scalar(value)
        }
    }
}
