import Foundation

/// The fgsync configuration: where both systems are and how their fields correspond.
///
/// Loaded from YAML by `MappingConfig.load(yaml:source:)`, which refuses a wrong config with a
/// message naming the key and the fix; checked against the Fulcrum form by `ResolvedMapping`.
public struct MappingConfig: Sendable, Hashable {
    /// How to reach one system. Tokens are never in the config: only the name of the
    /// environment variable that holds them.
    public struct Endpoint: Sendable, Hashable {
        /// Base URL of the API (or simulator).
        public var url: String?
        /// The Fulcrum form id or the GHL location id.
        public var id: String
        /// The environment variable holding the token.
        public var tokenEnv: String
        /// GHL agency mode: the environment variable holding the agency's Company OAuth access
        /// token (`ghl.agency_token_env`); without it, agency mode reads the Company pair
        /// `fgsync auth ghl --company` stored (and refreshes it).
        public var agencyTokenEnv: String? = nil
        /// The agency (company) id the location belongs to (`ghl.company_id`): set, the sync mints
        /// its location's token from the agency's Company token (`POST /oauth/locationToken`);
        /// `nil` authenticates with `token_env` or location OAuth as before.
        public var companyId: String? = nil
        /// The web address of one record for people (`web_url`), with `{id}` where the record id
        /// goes (appended after a `/` when absent); reports link to it. `nil` links nowhere.
        public var webURL: String? = nil

        /// The link to record `id`, or `nil` when no `web_url` is configured.
        public func webLink(id: String) -> String? {
            webURL.flatMap { Self.webLink(template: $0, id: id) }
        }

        /// The link to record `id` from a `web_url` template (`{id}` replaced, or `/id` appended).
        public static func webLink(template webURL: String, id: String) -> String? {
            guard !webURL.isEmpty else { return nil }
            let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
            if webURL.contains("{id}") { return webURL.replacingOccurrences(of: "{id}", with: escaped) }
            return webURL.hasSuffix("/") ? webURL + escaped : webURL + "/" + escaped
        }
    }

    /// The limit on deletes per side per run.
    public enum DeleteLimit: Sendable, Hashable {
        /// A fraction of the side's linked records, e.g. 0.2 for `20%`.
        case fraction(Double)
        /// An absolute number of records.
        case count(Int)
    }

    /// The Fulcrum side: `fulcrum.form_id`.
    public var fulcrum: Endpoint
    /// The GHL side: `ghl.location_id`.
    public var ghl: Endpoint
    /// The GHL custom field (id or key) holding the Fulcrum record id.
    public var ghlLinkField: String
    /// The Fulcrum `data_name` holding the GHL contactId.
    public var fulcrumLinkField: String
    /// The Fulcrum `data_name` of the tags ChoiceField, if tags are synced.
    public var fulcrumTagsField: String?
    /// The mapped fields.
    public var fields: [FieldMapping]
    /// ISO region for phones written without a country code, e.g. `US`.
    public var phoneRegion: String
    /// The default conflict policy.
    public var conflictPolicy: ConflictPolicy
    /// What to do when one side of a pair was deleted.
    public var deleteMode: DeleteMode
    /// The delete safety rail.
    public var maxDelete: DeleteLimit
    /// Deletes per side that never trip a percentage `maxDelete` (`deletes.max_delete_floor`),
    /// so that in a small location one delete is not refused as a "mass delete".
    public var maxDeleteFloor: Int = 5
    /// The tag put on a survivor under `archive`.
    public var archiveTag: String
    /// Whether Fulcrum records without a partner create GHL contacts.
    public var createInGHL: Bool
    /// Whether GHL contacts without a partner create Fulcrum records.
    public var createInFulcrum: Bool
    /// Webhook keys, polling and the nightly time for `fgsync serve`.
    public var serve = ServeSettings()
    /// The web console of `fgsync serve` (off unless `console.token_env` is set).
    public var console = ConsoleSettings()
    /// Where the state is kept (SQLite files unless `state.url_env` is set).
    public var state = StateSettings()
    /// Notes, tasks and appointments kept in Fulcrum repeatables (`children:`); empty syncs none.
    public var children = ChildrenConfig()

    /// Creates a configuration in code (tests, the demo).
    public init(
        fulcrum: Endpoint, ghl: Endpoint, ghlLinkField: String, fulcrumLinkField: String,
        fulcrumTagsField: String?, fields: [FieldMapping], phoneRegion: String = "US",
        conflictPolicy: ConflictPolicy = .newest, deleteMode: DeleteMode = .propagate,
        maxDelete: DeleteLimit = .fraction(0.2), archiveTag: String = "fgsync-archived",
        createInGHL: Bool = true, createInFulcrum: Bool = true
    ) {
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.ghlLinkField = ghlLinkField
        self.fulcrumLinkField = fulcrumLinkField
        self.fulcrumTagsField = fulcrumTagsField
        self.fields = fields
        self.phoneRegion = phoneRegion
        self.conflictPolicy = conflictPolicy
        self.deleteMode = deleteMode
        self.maxDelete = maxDelete
        self.archiveTag = archiveTag
        self.createInGHL = createInGHL
        self.createInFulcrum = createInFulcrum
    }
}
