import Foundation

/// Values crossing a pairing: what GHL is sent, and which values do not fit the other side.
extension FieldConversion {
    /// A value converted for GHL, or why it cannot be.
    enum GHLValue {
        /// The JSON value to send: a string, a number, or a list of strings.
        case value(Any)
        /// Why the value does not fit the GHL field.
        case misfit(String)
    }

    /// `value` as the GHL field takes it: a JSON number for NUMERICAL and MONETORY, a list of
    /// picklist options for MULTIPLE_OPTIONS and CHECKBOX, one option for SINGLE_OPTIONS and
    /// RADIO (a choice found by its label or its value), `YYYY-MM-DD` for dates, a two-letter
    /// code for `country`, text otherwise.
    func ghlValue(_ value: FieldValue, element: FormElement) -> GHLValue {
        switch target {
        case .text, .email, .phone, .website:
            return .value(source == .date ? value.canonical : value.text)
        case .number:
            guard let number = Self.number(value.text) else {
                return .misfit("\"\(value.text)\" is not a number, and GHL \(ghlType) fields take only numbers")
            }
            return .value(number)
        case .date:
            guard let date = ValueNormaliser.isoDate(value.text) else {
                return .misfit("\"\(value.text)\" is not a date GHL can read; write it as YYYY-MM-DD")
            }
            return .value(date)
        case .country:
            guard let code = CountryCode.code(value.text) else {
                return .misfit("\"\(value.text)\" is not a country GHL knows; use a country name or its two-letter code, such as US")
            }
            return .value(code)
        case .singleOption, .optionList:
            let parts = source == .multipleChoice ? element.choiceParts(value.text) : [value.text]
            var picked: [String] = []
            for part in parts {
                guard let option = option(for: part, element: element) else {
                    return .misfit("\"\(part)\" is not an option of the GHL \(ghlType) field \"\(ghlName)\" (its options: \(options.joined(separator: ", "))); add it to the field in GHL, or pick one of those")
                }
                if !picked.contains(option) { picked.append(option) }
            }
            return .value(target == .optionList ? picked : picked.joined(separator: ", "))
        }
    }

    /// The GHL option for one choice, by the choice's label or value (any case); with the
    /// options unknown, the text itself.
    func option(for part: String, element: FormElement) -> String? {
        guard !options.isEmpty else { return part }
        let folded = TagSet.fold(part)
        let choices = source == .yesNo ? element.yesNo : element.choices
        let names = choices.first { TagSet.fold($0.label) == folded || TagSet.fold($0.value) == folded }
            .map { [$0.label, $0.value] } ?? [part]
        for name in names {
            if let option = options.first(where: { TagSet.fold($0) == TagSet.fold(name) }) { return option }
        }
        return nil
    }

    /// The Fulcrum choice `text` names: by label or value (any case), and for a country pairing
    /// also by country (`FR` picks the choice labelled `France`).
    public func fulcrumChoice(for text: String, element: FormElement) -> FormElement.Choice? {
        let folded = TagSet.fold(text)
        if let choice = element.choices.first(where: { TagSet.fold($0.label) == folded || TagSet.fold($0.value) == folded }) {
            return choice
        }
        guard target == .country, let code = CountryCode.code(text) else { return nil }
        return element.choices.first { CountryCode.code($0.label) == code || CountryCode.code($0.value) == code }
    }

    /// Why `value`, read on `side`, does not fit the other side's field; `nil` when it fits.
    public func misfit(_ value: FieldValue, from side: Side, element: FormElement) -> String? {
        switch side {
        case .fulcrum:
            if case .misfit(let reason) = ghlValue(value, element: element) { return reason }
            return nil
        case .ghl:
            return fulcrumMisfit(value, element: element)
        }
    }

    /// Why a value from GHL cannot be written to the Fulcrum element, or `nil`.
    func fulcrumMisfit(_ value: FieldValue, element: FormElement) -> String? {
        switch source {
        case .singleChoice, .multipleChoice:
            guard !element.allowOther, !element.choices.isEmpty else { return nil }
            let parts = source == .multipleChoice ? element.choiceParts(value.text) : [value.text]
            for part in parts where fulcrumChoice(for: part, element: element) == nil {
                return "\"\(part)\" is not a choice of the Fulcrum field \"\(element.label.isEmpty ? element.dataName : element.label)\" (its choices: \(element.choices.map(\.label).joined(separator: ", "))) and the field takes no other value; add the choice to the form, or pick one of those in GHL"
            }
            return nil
        case .yesNo:
            let folded = TagSet.fold(value.text)
            guard !element.yesNo.contains(where: { TagSet.fold($0.label) == folded || TagSet.fold($0.value) == folded }) else { return nil }
            return "\"\(value.text)\" is neither of the Fulcrum yes/no field's answers (\(element.yesNo.map(\.label).joined(separator: ", "))); pick one of those in GHL"
        case .number:
            guard Self.number(value.text) == nil else { return nil }
            return "\"\(value.text)\" is not a number, and the Fulcrum field is numeric; correct it in GHL"
        case .date:
            guard ValueNormaliser.isoDate(value.text) == nil else { return nil }
            return "\"\(value.text)\" is not a date Fulcrum can store; write it as YYYY-MM-DD in GHL"
        case .text, .hyperlink, .country, .calculated, .classification:
            return nil
        }
    }

    /// A decimal number written plainly (`42`, `-3.5`, `1e3`) as a JSON number: an integer
    /// when it is whole, else a double; `nil` for anything else (`12 apples`, `$5`).
    static func number(_ text: String) -> Any? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }),
            let decimal = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")), decimal.isFinite
        else { return nil }
        var source = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 0, .plain)
        if decimal == rounded, let whole = Int64(exactly: NSDecimalNumber(decimal: decimal).doubleValue), abs(whole) < 1 << 53 {
            return whole
        }
        return Double(trimmed)
    }
}
