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
    /// Throws when the record has no usable id or its `form_values` is not an object: such a
    /// record cannot be tracked at all. A mapped value of the wrong JSON type is an issue on
    /// its field (see `FieldRead`), never a blank.
    public func project(_ record: [String: Any]) throws -> RecordState {
        guard let id = record["id"] as? String, !id.isEmpty else {
            let found = record["id"] == nil ? "" : " (found \(FieldRead.describe(record["id"])))"
            throw SyncCoreError(.invalidSnapshot, "a Fulcrum record has no \"id\"\(found)")
        }
        let rawValues = record["form_values"]
        guard rawValues == nil || rawValues is NSNull || rawValues is [String: Any] else {
            throw SyncCoreError(.invalidSnapshot, "Fulcrum record \(id): \"form_values\" is \(FieldRead.describe(rawValues)), expected an object")
        }
        let values = rawValues as? [String: Any] ?? [:]
        var state = RecordState(id: id)
        state.updatedAt = (record["updated_at"] as? String).flatMap(Timestamp.parse)
        switch FieldRead.string(values[mapping.linkElement.key], expected: "the GHL contactId as text") {
        case .text(let link):
            let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
            state.linkId = trimmed.isEmpty ? nil : trimmed
        case .wrongType(let expected, let found):
            state.issues.append(.wrongType(field: mapping.config.fulcrumLinkField, expected: expected, found: found, side: .fulcrum))
        case .absent: break
        }
        if let tagsElement = mapping.tagsElement {
            switch choiceLabels(values[tagsElement.key], element: tagsElement) {
            case .success(let labels): state.tags = TagSet(labels)
            case .failure(let issue):
                state.issues.append(.wrongType(field: TagSet.issueField, expected: issue.expected, found: issue.found, side: .fulcrum))
            }
        }
        mapping.project(into: &state, side: .fulcrum) { read(values[$0.element.key], field: $0) }
        return state
    }

    /// One form value read as its element type stores it (fulcrum.md §3.2).
    func read(_ value: Any?, field: ResolvedField) -> FieldRead {
        guard let value, !(value is NSNull) else { return .absent }
        switch field.element.type {
        case "ChoiceField":
            switch choiceLabels(value, element: field.element) {
            case .success(let labels): return labels.isEmpty ? .absent : .text(labels.joined(separator: ", "))
            case .failure(let issue): return .wrongType(expected: issue.expected, found: issue.found)
            }
        case "ClassificationField":
            // The path from the root to the picked leaf, read as text (fulcrum.md §3.2).
            switch choiceLabels(value, element: field.element) {
            case .success(let path): return path.isEmpty ? .absent : .text(path.joined(separator: " / "))
            case .failure(let issue): return .wrongType(expected: issue.expected, found: issue.found)
            }
        case "YesNoField":
            let read = FieldRead.string(value, expected: "a yes/no value as text")
            guard case .text(let stored) = read else { return read }
            return .text(field.element.yesNo.first { $0.value == stored }?.label ?? stored)
        case "CheckboxField":
            guard FieldRead.isBool(value), let flag = value as? Bool else {
                return .wrongType(expected: "true or false", found: FieldRead.describe(value))
            }
            return .text(flag ? "true" : "false")
        case "AddressField":
            guard let address = value as? [String: Any] else {
                return .wrongType(expected: "an address object", found: FieldRead.describe(value))
            }
            guard let part = field.addressPart else { return .absent }
            if part == "street" {
                var pieces: [String] = []
                for key in ["sub_thoroughfare", "thoroughfare"] {
                    switch FieldRead.scalar(address[key]) {
                    case .text(let piece): if !piece.isEmpty { pieces.append(piece) }
                    case .wrongType(let expected, let found): return .wrongType(expected: expected, found: "\(key) \(found)")
                    case .absent: break
                    }
                }
                return pieces.isEmpty ? .absent : .text(pieces.joined(separator: " "))
            }
            return FieldRead.scalar(address[part])
        default:
            return FieldRead.scalar(value)
        }
    }

    /// Choice labels (for known values) followed by free-text other values.
    func labels(_ value: Any?, element: FormElement) -> [String] {
        (try? choiceLabels(value, element: element).get()) ?? []
    }

    /// What a choice value holds, or what was wrong with it.
    struct WrongChoice: Error {
        var expected: String
        var found: String
    }

    /// Choice labels, or a wrong type: a choice value is `{choice_values: [text], other_values: [text]}`.
    func choiceLabels(_ value: Any?, element: FormElement) -> Result<[String], WrongChoice> {
        let expected = "a choice object {choice_values, other_values}"
        guard let value, !(value is NSNull) else { return .success([]) }
        guard let object = value as? [String: Any] else { return .failure(WrongChoice(expected: expected, found: FieldRead.describe(value))) }
        var lists: [[String]] = []
        for key in ["choice_values", "other_values"] {
            let raw = object[key]
            if raw == nil || raw is NSNull { lists.append([]); continue }
            guard let items = raw as? [Any] else {
                return .failure(WrongChoice(expected: "\(key) as a list of text", found: FieldRead.describe(raw)))
            }
            var texts: [String] = []
            for item in items {
                guard let text = item as? String else {
                    return .failure(WrongChoice(expected: "\(key) as a list of text", found: "an item that is \(FieldRead.describe(item))"))
                }
                texts.append(text)
            }
            lists.append(texts)
        }
        let labelled = lists[0].map { choice in element.choices.first { $0.value == choice }?.label ?? choice }
        return .success((labelled + lists[1]).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }
}
