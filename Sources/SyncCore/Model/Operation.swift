/// One write the plan asks of one side.
///
/// Operations carry only what differs: an update names just the fields to change, tag
/// operations just the tags to add or remove (GHL's `tags` on PUT would replace them all).
public struct Operation: Sendable, Hashable, Codable {
    /// What the operation does.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Create the record on `side` from the other side's record.
        case create
        /// Change the listed fields (a `nil` value clears the field).
        case update
        /// Delete the record on `side`.
        case delete
        /// Add the listed tags.
        case addTags
        /// Remove the listed tags.
        case removeTags
        /// Store the other side's id on this side's record (the link field).
        case link
    }

    /// The side written to.
    public var side: Side
    /// What is done.
    public var kind: Kind
    /// The Fulcrum record id of the pair, when known (absent for a Fulcrum create).
    public var fulcrumId: String?
    /// The GHL contactId of the pair, when known (absent for a GHL create).
    public var contactId: String?
    /// Fields to write by mapping key; `nil` clears the field on the target.
    public var fields: [String: FieldValue?]
    /// Tags to add or remove, in their original spelling, sorted.
    public var tags: [String]
    /// Why, for people: e.g. "modify beats delete", "archived".
    public var note: String?

    /// Creates an operation.
    public init(
        side: Side,
        kind: Kind,
        fulcrumId: String?,
        contactId: String?,
        fields: [String: FieldValue?] = [:],
        tags: [String] = [],
        note: String? = nil
    ) {
        self.side = side
        self.kind = kind
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.fields = fields
        self.tags = tags
        self.note = note
    }
}
