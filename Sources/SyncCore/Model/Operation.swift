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
        /// Create a note (a GHL note, or an item of the Fulcrum notes repeatable).
        case createNote
        /// Change a note's listed fields.
        case updateNote
        /// Delete a note.
        case deleteNote
        /// Create a task.
        case createTask
        /// Change a task's listed fields.
        case updateTask
        /// Change only a task's completed flag (GHL: `PUT .../tasks/{id}/completed`).
        case completeTask
        /// Delete a task.
        case deleteTask
        /// Create or update the Fulcrum item of a GHL appointment (appointments flow GHL -> Fulcrum).
        case upsertAppointment
        /// Remove the Fulcrum item of an appointment deleted in GHL.
        case deleteAppointment
        /// Store a child's GHL id on its Fulcrum repeatable item (the child's link field).
        case linkChild

        /// Whether the operation writes a child item (a note, task or appointment).
        public var isChild: Bool {
            switch self {
            case .create, .update, .delete, .addTags, .removeTags, .link: false
            default: true
            }
        }
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
    /// For a child operation: the child's GHL id (note, task or appointment id), when known
    /// (absent for a GHL create).
    public var childId: String? = nil
    /// For a child operation: the id of the child's Fulcrum repeatable item, when known
    /// (absent for a Fulcrum create, whose id the propagator chooses).
    public var childItemId: String? = nil

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
