/// One `children:` entry of the config: a child kind kept in a Fulcrum repeatable.
///
/// The GHL id of each child lives in `linkField`, a hidden TextField of the repeatable's items,
/// so losing the state file loses no child links (DESIGN.md "Children").
public struct ChildMapping: Sendable, Hashable, Codable {
    /// Notes, tasks or appointments.
    public var kind: ChildKind
    /// The data_name of the Fulcrum Repeatable holding the items.
    public var repeatable: String
    /// The data_name (inside the repeatable) of the hidden TextField holding the GHL id.
    public var linkField: String
    /// GHL field name -> data_name inside the repeatable, in config order.
    public var fields: [Field]
    /// Which way the items flow.
    public var direction: SyncDirection

    /// One mapped child field.
    public struct Field: Sendable, Hashable, Codable {
        /// The GHL field name (`body`, `title`, `dueDate`, `completed`, `startTime`, ...).
        public var ghl: String
        /// The data_name inside the repeatable.
        public var fulcrum: String

        /// Creates a child field mapping.
        public init(ghl: String, fulcrum: String) {
            self.ghl = ghl
            self.fulcrum = fulcrum
        }
    }

    /// Creates a child mapping.
    public init(kind: ChildKind, repeatable: String, linkField: String, fields: [Field], direction: SyncDirection? = nil) {
        self.kind = kind
        self.repeatable = repeatable
        self.linkField = linkField
        self.fields = fields
        self.direction = direction ?? kind.defaultDirection
    }
}

/// The `children:` section: the mapped kinds and how they are read.
public struct ChildrenConfig: Sendable, Hashable, Codable {
    /// The mapped kinds (at most one entry per kind).
    public var mappings: [ChildMapping]
    /// The GHL location's time zone (IANA name), for appointment times GHL writes without an
    /// offset (`"2021-07-16 11:00:00"`) and for date-only Fulcrum fields.
    public var timeZone: String
    /// The share (0...1) of linked pairs with no change whose children a reconcile lists anyway,
    /// rolling so that every pair is swept in turn (GHL has no "notes changed since" query).
    public var sweepShare: Double

    /// Creates a children section; empty by default (no children synced).
    public init(mappings: [ChildMapping] = [], timeZone: String = "UTC", sweepShare: Double = 0.1) {
        self.mappings = mappings
        self.timeZone = timeZone
        self.sweepShare = sweepShare
    }

    /// The mapping of `kind`, if configured.
    public func mapping(_ kind: ChildKind) -> ChildMapping? { mappings.first { $0.kind == kind } }
}
