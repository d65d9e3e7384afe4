/// A linked pair whose two records agree with its base, handed over without its values.
public struct AgreeingPair: Sendable, Hashable {
    /// The Fulcrum record id.
    public var fulcrumId: String
    /// The GHL contactId.
    public var contactId: String
    /// The base's values of the keys the plan asked the source for (its match keys), by key;
    /// both records hold the same canonical values.
    public var fields: [String: FieldValue]

    /// Creates an agreeing pair.
    public init(fulcrumId: String, contactId: String, fields: [String: FieldValue] = [:]) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.fields = fields
    }
}
