/// A person's decision on an open (manual) conflict, applied by the next run.
///
/// Recorded by `fgsync resolve`; the planner writes the decided value to whichever side lacks
/// it, and the conflict is reported with the rule `manual-decision`.
public struct ConflictDecision: Sendable, Hashable, Codable {
    /// What was decided.
    public enum Choice: Sendable, Hashable, Codable {
        /// Keep Fulcrum's value.
        case fulcrum
        /// Keep GHL's value.
        case ghl
        /// Go back to the last agreed value.
        case base
        /// Use this value (as typed; normalised like any other value of the field).
        case value(FieldValue?)
    }

    /// The Fulcrum record id.
    public var fulcrumId: String
    /// The GHL contactId.
    public var contactId: String
    /// The mapping key of the field.
    public var field: String
    /// The decision.
    public var choice: Choice

    /// Creates a decision.
    public init(fulcrumId: String, contactId: String, field: String, choice: Choice) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.field = field
        self.choice = choice
    }
}
