import Foundation

/// Turns planned Fulcrum operations into `form_values` in Fulcrum's own encoding (fulcrum.md §3.2).
///
/// PATCH merges only top-level `form_values` keys and replaces object values whole, so a
/// change to one address part or to the tags is written as the complete new object, built
/// from the record's current values. Choice labels map back to choice values; text that
/// matches no choice goes to `other_values`.
public struct FulcrumWriteEncoder: Sendable {
    /// The resolved mapping.
    public let mapping: ResolvedMapping

    /// Creates an encoder.
    public init(mapping: ResolvedMapping) {
        self.mapping = mapping
    }

    /// The changed top-level `form_values` keys for `fields` (nil clears), the link to
    /// `contactId` and the final `tags`, given the record's current `form_values`.
    public func formValues(
        fields: [String: FieldValue?], current: [String: Any], linkTo contactId: String? = nil, tags: TagSet? = nil
    ) -> [String: Any] {
        var values: [String: Any] = [:]
        for field in mapping.fields {
            guard let entry = fields[field.key] else { continue }
            let key = field.element.key
            if let part = field.addressPart {
                var address = (values[key] as? [String: Any]) ?? (current[key] as? [String: Any]) ?? [:]
                if part == "street" {
                    address["sub_thoroughfare"] = NSNull()
                    address["thoroughfare"] = entry?.text ?? NSNull()
                } else {
                    address[part] = entry?.text ?? NSNull()
                }
                values[key] = address
            } else {
                values[key] = entry.map { encode($0, field: field) } ?? NSNull()
            }
        }
        if let contactId { values[mapping.linkElement.key] = contactId }
        if let tags, let element = mapping.tagsElement {
            values[element.key] = choiceObject(tags.sortedSpellings, element: element)
        }
        return values
    }

    /// The current tags of a record's `form_values` with `add` added and `remove` removed.
    public func tags(current: [String: Any], add: [String], remove: [String]) -> TagSet {
        guard let element = mapping.tagsElement else { return TagSet() }
        var tags = TagSet(FulcrumProjection(mapping: mapping).labels(current[element.key], element: element))
        for tag in add { tags.insert(tag) }
        for tag in remove { tags.remove(tag) }
        return tags
    }

    /// The record object (the client adds the `{"record": ...}` wrapper) for `POST /api/v2/records.json` creating the partner of GHL contact `contactId`,
    /// with the client-chosen `id` so a retried create can find it instead of duplicating it.
    public func createBody(id: String, fields: [String: FieldValue?], tags: [String], contactId: String) throws -> Data {
        let values = formValues(fields: fields, current: [:], linkTo: contactId, tags: mapping.tagsElement == nil ? nil : TagSet(tags))
        let record: [String: Any] = ["id": id, "form_id": mapping.config.fulcrum.id, "form_values": values]
        return try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    }

    /// The record object (unwrapped) for `PATCH /api/v2/records/:id.json` of the given `form_values` keys.
    public func patchBody(_ values: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["form_values": values], options: [.sortedKeys])
    }

    func encode(_ value: FieldValue, field: ResolvedField) -> Any {
        switch field.element.type {
        case "ChoiceField" where field.conversion.target == .country:
            let choice = field.conversion.fulcrumChoice(for: value.text, element: field.element)
            return choiceObject([choice?.value ?? value.text], element: field.element)
        case "ChoiceField":
            let parts = field.element.multiple ? field.element.choiceParts(value.text) : [value.text]
            return choiceObject(parts, element: field.element)
        case "YesNoField":
            let folded = value.text.lowercased()
            return field.element.yesNo.first { $0.label.lowercased() == folded || $0.value.lowercased() == folded }?.value ?? value.text
        case "CheckboxField":
            return ["true", "yes", "1"].contains(value.text.lowercased())
        case "DateTimeField", "DateField":
            return value.canonical
        default:
            return value.text
        }
    }

    func choiceObject(_ labels: [String], element: FormElement) -> [String: Any] {
        var chosen: [String] = []
        var other: [String] = []
        for label in labels {
            let folded = TagSet.fold(label)
            if let choice = element.choices.first(where: { TagSet.fold($0.label) == folded || TagSet.fold($0.value) == folded }) {
                chosen.append(choice.value)
            } else {
                other.append(label)
            }
        }
        return ["choice_values": chosen, "other_values": other]
    }
}
