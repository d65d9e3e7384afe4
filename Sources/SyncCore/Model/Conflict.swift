import Foundation

/// A field both sides changed to different values since they last agreed.
///
/// Every conflict is reported, including the ones a policy resolved, so that an overwritten
/// value is never lost silently: the losing value stays here (and in the state file's audit).
public struct Conflict: Sendable, Hashable, Codable {
    /// The Fulcrum record id.
    public var fulcrumId: String
    /// The GHL contactId.
    public var contactId: String
    /// The mapping key of the field.
    public var field: String
    /// The last agreed value (absent on a first match).
    public var base: FieldValue?
    /// Fulcrum's value.
    public var fulcrum: FieldValue?
    /// GHL's value.
    public var ghl: FieldValue?
    /// Fulcrum's server `updated_at`.
    public var fulcrumUpdatedAt: Date?
    /// GHL's `dateUpdated`.
    public var ghlUpdatedAt: Date?
    /// The side whose value was kept; `nil` when the conflict waits for a person (`manual`).
    public var winner: Side?
    /// The rule that decided, e.g. `newest-field-history`, `newest-webhook`, `newest-record`,
    /// `newest-tie`, `fulcrum`, `ghl`, `manual`, `manual-decision`, `direction`.
    public var rule: String

    /// Creates a conflict record.
    public init(
        fulcrumId: String, contactId: String, field: String, base: FieldValue?,
        fulcrum: FieldValue?, ghl: FieldValue?, fulcrumUpdatedAt: Date?, ghlUpdatedAt: Date?,
        winner: Side?, rule: String
    ) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.field = field
        self.base = base
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.fulcrumUpdatedAt = fulcrumUpdatedAt
        self.ghlUpdatedAt = ghlUpdatedAt
        self.winner = winner
        self.rule = rule
    }
}
