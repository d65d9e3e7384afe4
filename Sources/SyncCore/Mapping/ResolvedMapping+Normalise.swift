import Foundation

/// Normalising a mapped field's value with what the form knows about it.
///
/// Yes/No, choice and checkbox fields compare by the stored choice value, resolved from a
/// label or a value in any case, so a value written to Fulcrum reads back as the same
/// canonical value and never echoes as a change (GHL users type `yes`, Fulcrum shows `Yes`).
extension ResolvedMapping {
    /// The canonical value of `raw` for `field`, from either side.
    public func normalise(_ raw: String, for field: ResolvedField) -> ValueNormaliser.Outcome {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .absent }
        let element = field.element
        switch element.type {
        case "YesNoField":
            return .value(Self.choice(text, among: element.yesNo))
        case "ChoiceField" where field.conversion.target == .country:
            // A choice of countries against GHL's country code: compared as the code, so that
            // the choice "France" and GHL's "FR" are one value.
            let choice = field.conversion.fulcrumChoice(for: text, element: element)
            let label = choice?.label ?? text
            let code = CountryCode.code(label) ?? choice.flatMap { CountryCode.code($0.value) }
            return .value(FieldValue(canonical: code ?? CountryCode.canonical(text), text: label))
        case "ChoiceField":
            let parts = element.multiple ? element.choiceParts(text) : [text]
            let values = parts.filter { !$0.isEmpty }.map { Self.choice($0, among: element.choices) }
            guard !values.isEmpty else { return .absent }
            return .value(FieldValue(
                // Several choices are a set: the order they were picked in is not a change.
                canonical: Set(values.map(\.canonical)).sorted().joined(separator: "\u{1F}"),
                text: values.map(\.text).joined(separator: ", ")))
        case "CheckboxField":
            switch TagSet.fold(text) {
            case "true", "yes", "1", "on": return .value(FieldValue(canonical: "true", text: "true"))
            case "false", "no", "0", "off": return .value(FieldValue(canonical: "false", text: "false"))
            default: return .value(FieldValue(canonical: text, text: text))
            }
        default:
            return normaliser.normalise(raw, as: field.kind)
        }
    }

    /// Fills `state.fields` (and `state.issues`) from each mapped field's value on `side`; a
    /// value of the wrong JSON type is an issue naming the field and what was found.
    public func project(into state: inout RecordState, side: Side, read: (ResolvedField) -> FieldRead) {
        for field in fields {
            let text: String
            switch read(field) {
            case .absent: continue
            case .text(let found): text = found
            case .wrongType(let expected, let found):
                state.issues.append(.wrongType(field: field.key, expected: expected, found: found, side: side))
                continue
            }
            switch normalise(text, for: field) {
            case .absent: break
            case .value(let value):
                // A value the other side's field cannot take is held for this field (the rest of
                // the record syncs); only values that would be written there are checked.
                if field.mapping.direction.writes(to: side.other),
                    let reason = field.conversion.misfit(value, from: side, element: field.element)
                {
                    state.issues.append(FieldIssue(field: field.key, value: text, reason: reason, misfit: true))
                } else {
                    state.fields[field.key] = value
                }
            case .invalid(let reason): state.issues.append(FieldIssue(field: field.key, value: text, reason: reason))
            }
        }
    }

    /// A choice resolved from its label or value in any case (canonical `choice:<value>`,
    /// text the label); free text stays as typed, compared case-folded.
    static func choice(_ text: String, among choices: [FormElement.Choice]) -> FieldValue {
        let folded = TagSet.fold(text)
        if let match = choices.first(where: { TagSet.fold($0.label) == folded || TagSet.fold($0.value) == folded }) {
            return FieldValue(canonical: "choice:\(match.value)", text: match.label)
        }
        return FieldValue(canonical: "other:\(folded)", text: text)
    }
}
