import Foundation

/// The canonical projection of one record on one side: what the planner compares.
///
/// A Fulcrum record and a GHL contact are both reduced to this shape by the projections in
/// `Projection/`, so the planner never sees either API's JSON.
public struct RecordState: Sendable, Hashable, Codable {
    /// The record's id on its own side (Fulcrum record id or GHL contactId).
    public var id: String
    /// Mapped fields by mapping key (the Fulcrum `data_name` of the mapping entry); empty values are absent.
    public var fields: [String: FieldValue]
    /// The record's tags.
    public var tags: TagSet
    /// The other side's id stored on this record (GHL contactId on Fulcrum, Fulcrum id on GHL).
    public var linkId: String?
    /// Server update time (`updated_at` or `dateUpdated`), used by the `newest` policy.
    public var updatedAt: Date?
    /// Fields whose value could not be used (e.g. an invalid email), with the reason.
    public var issues: [FieldIssue]

    /// Creates a projection.
    public init(
        id: String,
        fields: [String: FieldValue] = [:],
        tags: TagSet = TagSet(),
        linkId: String? = nil,
        updatedAt: Date? = nil,
        issues: [FieldIssue] = []
    ) {
        self.id = id
        self.fields = fields
        self.tags = tags
        self.linkId = linkId
        self.updatedAt = updatedAt
        self.issues = issues
    }
}

/// A field of one record whose value cannot be synced, and why.
public struct FieldIssue: Sendable, Hashable, Codable {
    /// The mapping key of the field.
    public var field: String
    /// The value as found.
    public var value: String
    /// What is wrong and what to do, in words for an operator.
    public var reason: String
    /// True when the value is fine on its own side but the other side's field cannot take it
    /// (see `FieldConversion`): only this field is held; the record is still matched and created.
    public var misfit: Bool

    /// Creates an issue.
    public init(field: String, value: String, reason: String, misfit: Bool = false) {
        self.field = field
        self.value = value
        self.reason = reason
        self.misfit = misfit
    }
}
