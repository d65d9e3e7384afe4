/// The `dataType` of a GHL custom field (ghl.md §6.2), which decides the JSON type of its
/// `field_value`: a string, a number, or a list of strings.
public enum GHLCustomFieldType: String, Sendable, Hashable, Codable, CaseIterable {
    /// One line of text.
    case text = "TEXT"
    /// Several lines of text.
    case largeText = "LARGE_TEXT"
    /// A number, written as a JSON number.
    case numerical = "NUMERICAL"
    /// An amount of money, written as a JSON number (GHL's spelling, `MonetoryField`).
    case monetory = "MONETORY"
    /// A phone number, as text.
    case phone = "PHONE"
    /// An email address, as text.
    case email = "EMAIL"
    /// A calendar date (the docs give no format; fgsync writes `YYYY-MM-DD`).
    case date = "DATE"
    /// Checkboxes: a list of the picked options.
    case checkbox = "CHECKBOX"
    /// A drop-down of one option, as text.
    case singleOptions = "SINGLE_OPTIONS"
    /// A drop-down of several options: a list of the picked options.
    case multipleOptions = "MULTIPLE_OPTIONS"
    /// Radio buttons: one option, as text.
    case radio = "RADIO"
    /// A list of labelled text boxes; its value shape is not documented, so fgsync does not map it.
    case textboxList = "TEXTBOX_LIST"
    /// An uploaded file (an object of file metadata); not a contact value fgsync maps.
    case fileUpload = "FILE_UPLOAD"
    /// A drawn signature; not a contact value fgsync maps.
    case signature = "SIGNATURE"

    /// Whether the field offers a fixed list of options (`picklistOptions`).
    public var hasOptions: Bool {
        switch self {
        case .checkbox, .singleOptions, .multipleOptions, .radio: true
        default: false
        }
    }

    /// Whether `field_value` is a list of options.
    public var isList: Bool { self == .checkbox || self == .multipleOptions }

    /// Whether `field_value` is a JSON number.
    public var isNumber: Bool { self == .numerical || self == .monetory }
}
