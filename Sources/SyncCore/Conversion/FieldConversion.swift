import Foundation

/// How one mapped field's values cross between its Fulcrum element and its GHL field: whether
/// the pairing is supported, what a value becomes on the other side, and which values do not fit.
///
/// The matrix is `supported` (and the README's "Field types" table): a Fulcrum element of each
/// `Source` kind may map to the GHL `Target`s listed for it; any other pairing is refused when
/// the mapping is resolved, naming both types and the nearest supported choice. A value that is
/// fine on its own side but that the other side's field cannot take (an "other" choice missing
/// from a GHL picklist, text in a NUMERICAL field, a date nobody can read) is a misfit: the pair
/// is held for that field with the value and the reason, and the rest of the record syncs.
public struct FieldConversion: Sendable, Hashable {
    /// What a Fulcrum element holds, as far as conversion cares.
    public enum Source: String, Sendable, Hashable, CaseIterable {
        /// Free text: a TextField, BarcodeField, TimeField, CheckboxField or an address part.
        case text
        /// A numeric TextField (numbers stored as text).
        case number
        /// A HyperlinkField.
        case hyperlink
        /// A ChoiceField with one choice.
        case singleChoice
        /// A ChoiceField with `multiple: true`.
        case multipleChoice
        /// A YesNoField.
        case yesNo
        /// A DateField or DateTimeField (`YYYY-MM-DD`).
        case date
        /// The `country` part of an AddressField.
        case country
        /// A CalculatedField: computed by Fulcrum, read-only.
        case calculated
        /// A ClassificationField, read as its path of labels; read-only.
        case classification
    }

    /// What a GHL field takes.
    public enum Target: String, Sendable, Hashable, CaseIterable {
        /// Text: TEXT, LARGE_TEXT, a custom field of unknown type, or a text standard field.
        case text
        /// An email address: `email` or EMAIL.
        case email
        /// A phone number: `phone` or PHONE.
        case phone
        /// The `website` standard field.
        case website
        /// A JSON number: NUMERICAL or MONETORY.
        case number
        /// A calendar date: `dateOfBirth` or DATE.
        case date
        /// The `country` standard field: a two-letter code.
        case country
        /// One option of a picklist: SINGLE_OPTIONS or RADIO.
        case singleOption
        /// A list of options of a picklist: MULTIPLE_OPTIONS or CHECKBOX.
        case optionList
    }

    /// The Fulcrum side.
    public var source: Source
    /// The GHL side.
    public var target: Target
    /// The GHL picklist options (empty when the target has none or they are not known).
    public var options: [String]
    /// The Fulcrum type as people read it in messages: `ChoiceField (multiple)`.
    public var fulcrumType: String
    /// The GHL type as people read it in messages: `SINGLE_OPTIONS`, `standard field country`.
    public var ghlType: String
    /// The GHL field's name as GHL shows it (a custom field's `name`), for messages.
    public var ghlName: String = ""

    /// Which GHL targets each Fulcrum kind may map to.
    public static let supported: [Source: [Target]] = [
        .text: [.text, .email, .phone, .website, .number, .date, .country],
        .number: [.number, .text],
        .hyperlink: [.website, .text],
        .singleChoice: [.singleOption, .country, .text],
        .multipleChoice: [.optionList, .text],
        .yesNo: [.singleOption, .optionList, .text],
        .date: [.date, .text],
        .country: [.country, .text],
        .calculated: [.text, .number, .date],
        .classification: [.text],
    ]

    /// Whether values never flow into Fulcrum (the element is computed by Fulcrum).
    public var isReadOnlyInFulcrum: Bool { source == .calculated || source == .classification }

    /// Creates a conversion directly (tests).
    public init(source: Source, target: Target, options: [String] = [], fulcrumType: String = "", ghlType: String = "") {
        self.source = source
        self.target = target
        self.options = options
        self.fulcrumType = fulcrumType.isEmpty ? source.rawValue : fulcrumType
        self.ghlType = ghlType.isEmpty ? target.rawValue : ghlType
    }
}

// MARK: - Resolving a pairing

extension FieldConversion {
    /// The conversion for `element` (its `part`, for an AddressField) mapped to `ghl`, whose
    /// definition is `definition` when the location's custom fields are known; throws naming
    /// both types and the nearest supported choice when the pairing is not supported.
    static func resolve(
        path: String, element: FormElement, part: String?, ghl: GHLFieldRef, definition: GHLCustomField?,
        direction: SyncDirection
    ) throws -> FieldConversion {
        let (source, fulcrumType) = Self.source(of: element, part: part)
        var options: [String] = []
        let target: Target
        let ghlType: String
        switch ghl {
        case .standard(let name):
            ghlType = "standard field \(name)"
            switch name {
            case "email": target = .email
            case "phone": target = .phone
            case "website": target = .website
            case "dateOfBirth": target = .date
            case "country": target = .country
            default: target = .text
            }
        case .custom:
            guard let definition else {
                // Without the location's definitions the type is unknown: values go as text.
                target = .text
                ghlType = "custom field (type unknown)"
                break
            }
            ghlType = definition.dataType
            guard let type = definition.type, let mapped = Self.target(of: type) else {
                throw SyncCoreError(.invalidConfig,
                    "\(path): Fulcrum \(fulcrumType) \"\(element.dataName)\" cannot map to GHL \(definition.dataType) field \"\(definition.name.isEmpty ? definition.id : definition.name)\": fgsync does not sync \(definition.dataType) values (their shape is not documented); the nearest supported: a GHL TEXT or LARGE_TEXT field")
            }
            target = mapped
            options = type.hasOptions ? definition.options : []
        }
        var conversion = FieldConversion(source: source, target: target, options: options, fulcrumType: fulcrumType, ghlType: ghlType)
        conversion.ghlName = definition.map { $0.name.isEmpty ? $0.id : $0.name } ?? ghl.displayName
        guard Self.supported[source, default: []].contains(target) else {
            throw SyncCoreError(.invalidConfig,
                "\(path): Fulcrum \(fulcrumType) \"\(element.dataName)\" cannot map to GHL \(ghlType) \"\(ghl.displayName)\"; the nearest supported: \(conversion.nearest)")
        }
        if conversion.isReadOnlyInFulcrum, direction != .toGHL {
            throw SyncCoreError(.invalidConfig,
                "\(path): Fulcrum \(fulcrumType) \"\(element.dataName)\" is computed by Fulcrum and cannot be written; add direction: to_ghl to this entry")
        }
        return conversion
    }

    /// The kind of a Fulcrum element (or address part), and its name for messages.
    static func source(of element: FormElement, part: String?) -> (Source, String) {
        switch element.type {
        case "TextField": return element.numeric ? (.number, "TextField (numeric)") : (.text, "TextField")
        case "HyperlinkField": return (.hyperlink, "HyperlinkField")
        case "ChoiceField":
            return element.multiple ? (.multipleChoice, "ChoiceField (multiple)") : (.singleChoice, "ChoiceField")
        case "YesNoField": return (.yesNo, "YesNoField")
        case "DateField", "DateTimeField": return (.date, element.type)
        case "AddressField": return part == "country" ? (.country, "AddressField part country") : (.text, "AddressField part \(part ?? "")")
        case "CalculatedField": return (.calculated, "CalculatedField")
        case "ClassificationField": return (.classification, "ClassificationField")
        default: return (.text, element.type)
        }
    }

    /// The target a custom field type converts as; `nil` for the types fgsync does not map.
    static func target(of type: GHLCustomFieldType) -> Target? {
        switch type {
        case .text, .largeText: .text
        case .numerical, .monetory: .number
        case .phone: .phone
        case .email: .email
        case .date: .date
        case .singleOptions, .radio: .singleOption
        case .checkbox, .multipleOptions: .optionList
        case .textboxList, .fileUpload, .signature: nil
        }
    }

    /// GHL field types a target stands for, for messages.
    static func ghlNames(_ target: Target) -> String {
        switch target {
        case .text: "TEXT or LARGE_TEXT field (or a text standard field such as companyName)"
        case .email: "EMAIL field or standard email"
        case .phone: "PHONE field or standard phone"
        case .website: "standard website"
        case .number: "NUMERICAL or MONETORY field"
        case .date: "DATE field or standard dateOfBirth"
        case .country: "standard country"
        case .singleOption: "SINGLE_OPTIONS or RADIO field"
        case .optionList: "MULTIPLE_OPTIONS or CHECKBOX field"
        }
    }

    /// Fulcrum element types a source stands for, for messages.
    static func fulcrumNames(_ source: Source) -> String {
        switch source {
        case .text: "TextField"
        case .number: "numeric TextField"
        case .hyperlink: "HyperlinkField"
        case .singleChoice: "ChoiceField"
        case .multipleChoice: "ChoiceField with multiple: true"
        case .yesNo: "YesNoField"
        case .date: "DateField"
        case .country: "AddressField's country part"
        case .calculated: "CalculatedField"
        case .classification: "ClassificationField"
        }
    }

    /// The nearest supported choices: the GHL types this Fulcrum field may map to, and the
    /// Fulcrum types that may map to this GHL field.
    var nearest: String {
        let targets = Self.supported[source, default: []].map { "a GHL \(Self.ghlNames($0))" }
        let sources = Source.allCases.filter { Self.supported[$0, default: []].contains(target) && $0 != source }
            .map { "a \(Self.fulcrumNames($0))" }
        var text = "map it to \(targets.joined(separator: ", or "))"
        if !sources.isEmpty { text += "; or map \(sources.joined(separator: " or ")) to this GHL field" }
        return text
    }
}
