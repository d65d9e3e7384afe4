/// What the planner needs of the mapping: per-field rules and the object-level policies.
///
/// Kept apart from `ResolvedMapping` so the planner can be driven (and property-tested)
/// without a form definition.
public struct PlannerSettings: Sendable, Hashable {
    /// How one mapped field is diffed.
    public struct FieldRule: Sendable, Hashable {
        /// The mapping key.
        public var key: String
        /// Which way it may flow.
        public var direction: SyncDirection
        /// How its conflicts are settled.
        public var policy: ConflictPolicy

        /// Creates a rule.
        public init(key: String, direction: SyncDirection = .both, policy: ConflictPolicy = .newest) {
            self.key = key
            self.direction = direction
            self.policy = policy
        }
    }

    /// The mapping keys matched on when pairing unlinked records.
    public struct MatchKeys: Sendable, Hashable {
        /// The field mapped to GHL `email`.
        public var email: String?
        /// The field mapped to GHL `phone`.
        public var phone: String?

        /// Creates match keys.
        public init(email: String? = nil, phone: String? = nil) {
            self.email = email
            self.phone = phone
        }
    }

    /// The field rules, in mapping order.
    public var fields: [FieldRule]
    /// The fields used to match unlinked records.
    public var matchKeys: MatchKeys
    /// Whether tags are synced.
    public var syncTags: Bool
    /// What happens when one side of a pair is deleted.
    public var deleteMode: DeleteMode
    /// The delete rail.
    public var maxDelete: MappingConfig.DeleteLimit
    /// Deletes per side that never trip a percentage `maxDelete` (`deletes.max_delete_floor`).
    public var maxDeleteFloor: Int
    /// The tag set on a survivor under `archive`.
    public var archiveTag: String
    /// Whether unpaired Fulcrum records create GHL contacts.
    public var createInGHL: Bool
    /// Whether unpaired GHL contacts create Fulcrum records.
    public var createInFulcrum: Bool
    /// The mapping fingerprint bases are written under.
    public var mappingHash: String
    /// How notes, tasks and appointments are planned (no kinds: no children).
    public var children = ChildPlanner(rules: [])

    /// Creates settings directly (tests, property generators).
    public init(
        fields: [FieldRule], matchKeys: MatchKeys = MatchKeys(), syncTags: Bool = true, deleteMode: DeleteMode = .propagate,
        maxDelete: MappingConfig.DeleteLimit = .fraction(0.2), maxDeleteFloor: Int = 5,
        archiveTag: String = "fgsync-archived", createInGHL: Bool = true, createInFulcrum: Bool = true,
        mappingHash: String = "test"
    ) {
        self.fields = fields
        self.matchKeys = matchKeys
        self.syncTags = syncTags
        self.deleteMode = deleteMode
        self.maxDelete = maxDelete
        self.maxDeleteFloor = maxDeleteFloor
        self.archiveTag = archiveTag
        self.createInGHL = createInGHL
        self.createInFulcrum = createInFulcrum
        self.mappingHash = mappingHash
    }

    /// Settings from a resolved mapping, optionally with every field's policy overridden
    /// (`--conflict-policy`).
    public init(mapping: ResolvedMapping, policyOverride: ConflictPolicy? = nil) {
        let config = mapping.config
        self.init(
            fields: mapping.fields.map {
                FieldRule(key: $0.key, direction: $0.mapping.direction, policy: policyOverride ?? $0.policy)
            },
            matchKeys: MatchKeys(
                email: mapping.fields.first { $0.ghl == .standard("email") }?.key,
                phone: mapping.fields.first { $0.ghl == .standard("phone") }?.key),
            syncTags: mapping.tagsElement != nil, deleteMode: config.deleteMode, maxDelete: config.maxDelete,
            maxDeleteFloor: config.maxDeleteFloor, archiveTag: config.archiveTag, createInGHL: config.createInGHL,
            createInFulcrum: config.createInFulcrum, mappingHash: mapping.mappingHash)
        children = ChildPlanner(mapping: mapping, policyOverride: policyOverride)
    }
}
