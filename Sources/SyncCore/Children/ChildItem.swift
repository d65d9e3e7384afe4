import Foundation

/// The canonical projection of one child item (a note, task or appointment) on one side.
///
/// A GHL note and the Fulcrum repeatable item holding it reduce to this shape, keyed by the
/// GHL id: on GHL it is the item's own id, on Fulcrum the value of the item's hidden link
/// field (absent until the item has been created in GHL).
public struct ChildItem: Sendable, Hashable, Codable {
    /// Notes, tasks or appointments.
    public var kind: ChildKind
    /// The GHL id; on Fulcrum, the link field's value (`nil` for an item not yet in GHL).
    public var ghlId: String?
    /// The Fulcrum repeatable item id (`nil` on GHL).
    public var fulcrumItemId: String?
    /// Mapped fields by GHL field name, canonical; empty values (and a false flag) are absent.
    public var fields: [String: FieldValue]
    /// When the item last changed, if the side says (else the parent record's time).
    public var updatedAt: Date?

    /// Creates a child projection.
    public init(
        kind: ChildKind, ghlId: String?, fulcrumItemId: String? = nil, fields: [String: FieldValue] = [:],
        updatedAt: Date? = nil
    ) {
        self.kind = kind
        self.ghlId = ghlId
        self.fulcrumItemId = fulcrumItemId
        self.fields = fields
        self.updatedAt = updatedAt
    }
}

/// The last agreed state of one child of a linked pair: the base of its three-way diff.
public struct ChildBase: Sendable, Hashable, Codable {
    /// Notes, tasks or appointments.
    public var kind: ChildKind
    /// The GHL id (empty only while the GHL create that gives it is planned).
    public var ghlId: String
    /// The Fulcrum repeatable item id (empty only while the Fulcrum create is planned).
    public var fulcrumItemId: String
    /// Agreed canonical values by GHL field name.
    public var fields: [String: FieldValue]
    /// Set when the child was deleted on this side and the delete was ignored (or the side may
    /// not be written): the survivor is left alone and never re-created there.
    public var deletedSide: Side?

    /// Creates a child base.
    public init(
        kind: ChildKind, ghlId: String, fulcrumItemId: String, fields: [String: FieldValue] = [:],
        deletedSide: Side? = nil
    ) {
        self.kind = kind
        self.ghlId = ghlId
        self.fulcrumItemId = fulcrumItemId
        self.fields = fields
        self.deletedSide = deletedSide
    }
}

/// The children of one pair as both sides hold them, for planning.
public struct PairChildren: Sendable, Hashable {
    /// The Fulcrum record id (absent while the record is being created).
    public var fulcrumId: String?
    /// The GHL contactId (absent while the contact is being created).
    public var contactId: String?
    /// The agreed children.
    public var base: [ChildBase]
    /// The Fulcrum record's repeatable items of the mapped kinds.
    public var fulcrum: [ChildItem]
    /// The GHL contact's notes, tasks and appointments of the mapped kinds.
    public var ghl: [ChildItem]
    /// Fulcrum's record `updated_at`, for `newest` when an item has no time of its own.
    public var fulcrumUpdatedAt: Date?
    /// GHL's contact `dateUpdated`, likewise.
    public var ghlUpdatedAt: Date?

    /// Creates the children of a pair.
    public init(
        fulcrumId: String?, contactId: String?, base: [ChildBase] = [], fulcrum: [ChildItem] = [],
        ghl: [ChildItem] = [], fulcrumUpdatedAt: Date? = nil, ghlUpdatedAt: Date? = nil
    ) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.base = base
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.fulcrumUpdatedAt = fulcrumUpdatedAt
        self.ghlUpdatedAt = ghlUpdatedAt
    }
}

/// The child planner's decision for one pair: the child writes, and the children to record as
/// agreed once all of them completed (ids left empty are filled from the creates' answers).
public struct PlannedChildren: Sendable, Hashable, Codable {
    /// The Fulcrum record id, when known.
    public var fulcrumId: String?
    /// The GHL contactId, when known.
    public var contactId: String?
    /// The writes: GHL ones one by one, Fulcrum ones as one record write.
    public var operations: [Operation]
    /// The agreed children after the writes, sorted by kind then GHL id.
    public var newBase: [ChildBase]

    /// Creates a planned set of child writes.
    public init(fulcrumId: String?, contactId: String?, operations: [Operation], newBase: [ChildBase]) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.operations = operations
        self.newBase = newBase
    }
}
