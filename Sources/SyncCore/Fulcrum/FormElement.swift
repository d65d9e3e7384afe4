/// One element of a Fulcrum form's tree, with what fgsync needs to read and write its values.
public struct FormElement: Sendable, Hashable, Codable {
    /// A choice of a ChoiceField: the stored `value` and the `label` people see.
    public struct Choice: Sendable, Hashable, Codable {
        /// The label shown in the app.
        public var label: String
        /// The value stored in `choice_values`.
        public var value: String
    }

    /// The key used in `form_values`.
    public var key: String
    /// The export name, which mappings refer to.
    public var dataName: String
    /// The element type, e.g. `TextField`, `ChoiceField`, `YesNoField`.
    public var type: String
    /// The label.
    public var label: String
    /// For a TextField: whether it holds a number (still written as a string).
    public var numeric: Bool
    /// For a ChoiceField: the choices (empty when the form uses a shared choice list).
    public var choices: [Choice]
    /// For a ChoiceField: whether several values may be chosen.
    public var multiple: Bool
    /// For a ChoiceField: whether free-text `other_values` are allowed.
    public var allowOther: Bool
    /// For a YesNoField: the positive, negative and neutral choices.
    public var yesNo: [Choice]
    /// The data_name of the enclosing Repeatable, when the element sits inside one.
    public var repeatable: String?
    /// Whether the element is hidden in the app (link fields are).
    public var hidden: Bool = false

    /// Creates an element.
    public init(
        key: String, dataName: String, type: String, label: String = "", numeric: Bool = false,
        choices: [Choice] = [], multiple: Bool = false, allowOther: Bool = false,
        yesNo: [Choice] = [], repeatable: String? = nil, hidden: Bool = false
    ) {
        self.key = key
        self.dataName = dataName
        self.type = type
        self.label = label
        self.numeric = numeric
        self.choices = choices
        self.multiple = multiple
        self.allowOther = allowOther
        self.yesNo = yesNo
        self.repeatable = repeatable
        self.hidden = hidden
    }
}
