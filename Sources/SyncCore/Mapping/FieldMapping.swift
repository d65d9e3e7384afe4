/// One mapped field: a Fulcrum `data_name` paired with a GHL contact field.
public struct FieldMapping: Sendable, Hashable, Codable {
    /// The Fulcrum `data_name`; also the field's key in projections, bases and plans.
    public var fulcrum: String
    /// The GHL field.
    public var ghl: GHLFieldRef
    /// Which way values may flow.
    public var direction: SyncDirection
    /// The conflict policy for this field; `nil` uses the default policy.
    public var policy: ConflictPolicy?
    /// The normalisation; `nil` infers it from the fields (email, phone, date, number, text).
    public var kind: FieldKind?

    /// Creates a field mapping.
    public init(
        fulcrum: String, ghl: GHLFieldRef, direction: SyncDirection = .both,
        policy: ConflictPolicy? = nil, kind: FieldKind? = nil
    ) {
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.direction = direction
        self.policy = policy
        self.kind = kind
    }
}
