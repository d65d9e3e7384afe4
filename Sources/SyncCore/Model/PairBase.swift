/// The last state both sides agreed on for one linked pair: the "base" of the three-way diff.
///
/// Written only after every write for the pair completed (Unison's invariant: the synced state
/// records only completed transfers), so a crash can never make an unsent change look synced.
public struct PairBase: Sendable, Hashable, Codable {
    /// The Fulcrum record id.
    public var fulcrumId: String
    /// The GHL contactId.
    public var contactId: String
    /// Agreed canonical values by mapping key.
    public var fields: [String: FieldValue]
    /// Agreed tags.
    public var tags: TagSet
    /// Set when one side's record was deleted and the deletion was archived or ignored by
    /// policy: the surviving record is left alone and never re-created on the deleted side.
    public var deletedSide: Side?

    /// Creates a base.
    public init(
        fulcrumId: String,
        contactId: String,
        fields: [String: FieldValue] = [:],
        tags: TagSet = TagSet(),
        deletedSide: Side? = nil
    ) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.fields = fields
        self.tags = tags
        self.deletedSide = deletedSide
    }
}
