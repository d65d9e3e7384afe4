/// A mapped field checked against the form: where its value lives and how it compares.
public struct ResolvedField: Sendable, Hashable {
    /// The mapping entry as configured.
    public var mapping: FieldMapping
    /// The Fulcrum element holding the value.
    public var element: FormElement
    /// For an AddressField: the sub-field (`locality`, `postal_code`, `street`, ...).
    public var addressPart: String?
    /// The normalisation used.
    public var kind: FieldKind
    /// The GHL field, custom fields resolved to ids.
    public var ghl: GHLFieldRef
    /// The policy in force (the field's own or the default).
    public var policy: ConflictPolicy
    /// How values convert between the Fulcrum element and the GHL field.
    public var conversion: FieldConversion

    /// The key in projections, bases and plans: the configured Fulcrum data_name.
    public var key: String { mapping.fulcrum }
}
