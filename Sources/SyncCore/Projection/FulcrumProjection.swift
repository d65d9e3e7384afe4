import Foundation

/// Reduces a Fulcrum record's JSON to its canonical `RecordState` under a mapping.
///
/// Reads `form_values` by element key with the encodings of fulcrum.md §3.2: text and numeric
/// text as strings, choices as labels (values without a label, and other_values, verbatim),
/// yes/no by the form's configured values, dates, address sub-fields, checkboxes.
public struct FulcrumProjection: Sendable {
    /// The resolved mapping.
    public let mapping: ResolvedMapping

    /// Creates a projection.
    public init(mapping: ResolvedMapping) {
        self.mapping = mapping
    }

    /// Projects one record object (the value of `record`, or one item of `records`).
    /// Throws when the record has no id: such a record cannot be tracked at all.
    public func project(_ record: [String: Any]) throws -> RecordState {
        guard let id = record["id"] as? String, !id.isEmpty else {
            throw SyncCoreError(.invalidSnapshot, "a Fulcrum record has no \"id\"")
        }
        let values = record["form_values"] as? [String: Any] ?? [:]
        var state = RecordState(id: id)
        state.updatedAt = (record["updated_at"] as? String).flatMap(Timestamp.parse)
        if let link = values[mapping.linkElement.key] as? String {
            let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
            state.linkId = trimmed.isEmpty ? nil : trimmed
        }
        if let tagsElement = mapping.tagsElement {
            state.tags = TagSet(labels(values[tagsElement.key], element: tagsElement))
        }
        mapping.project(into: &state) { text(values[$0.element.key], field: $0) }
        return state
    }

    /// The side-neutral text of one form value, or `nil` when absent.
    func text(_ value: Any?, field: ResolvedField) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        switch field.element.type {
        case "ChoiceField":
            let labels = labels(value, element: field.element)
            return labels.isEmpty ? nil : labels.joined(separator: ", ")
        case "YesNoField":
            guard let stored = value as? String else { return nil }
            return field.element.yesNo.first { $0.value == stored }?.label ?? stored
        case "CheckboxField":
            return (value as? Bool).map { $0 ? "true" : "false" }
        case "AddressField":
            guard let address = value as? [String: Any], let part = field.addressPart else { return nil }
            if part == "street" {
                let pieces = [address["sub_thoroughfare"], address["thoroughfare"]].compactMap { $0 as? String }
                    .filter { !$0.isEmpty }
                return pieces.isEmpty ? nil : pieces.joined(separator: " ")
            }
            return address[part] as? String
        default:
            if let string = value as? String { return string }
            if let number = value as? NSNumber { return number.stringValue }
            return nil
        }
    }

    /// Choice labels (for known values) followed by free-text other values.
    func labels(_ value: Any?, element: FormElement) -> [String] {
        guard let object = value as? [String: Any] else { return [] }
        let chosen = (object["choice_values"] as? [Any] ?? []).compactMap { $0 as? String }
        let other = (object["other_values"] as? [Any] ?? []).compactMap { $0 as? String }
        let labelled = chosen.map { choice in element.choices.first { $0.value == choice }?.label ?? choice }
        return (labelled + other).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
