/// Settings of the GoHighLevel simulator.
///
/// Defaults are the real service's numbers; tests shrink the rate limits, token lifetime and
/// search lag to exercise those paths quickly.
public struct GHLOptions: Sendable {
    /// The one location (sub-account) the simulator serves.
    public var locationId = "sIMloc8FgsYnC0ntacts"
    /// The location's company (agency) id.
    public var companyId = "sIMcomp4nyFgsync0001"
    /// Private integration token accepted with every contacts scope.
    public var privateIntegrationToken = "pit-sim-00000000-0000-4000-8000-000000000000"
    /// OAuth client id accepted by `POST /oauth/token`.
    public var oauthClientId = "sim-client-id"
    /// OAuth client secret accepted by `POST /oauth/token`.
    public var oauthClientSecret = "sim-client-secret"
    /// Access-token lifetime in seconds (GHL: about a day).
    public var accessTokenLifetimeSeconds = 86_399
    /// Burst limit: requests per window per location.
    public var burstLimit = 100
    /// Burst window in milliseconds.
    public var burstWindowMillis: Int64 = 10_000
    /// Daily limit per location.
    public var dailyLimit = 200_000
    /// Delay before a write shows in search, in milliseconds of simulated time.
    public var searchLagMillis: Int64 = 0
    /// Whether the location allows duplicate contacts (same email or phone).
    public var allowDuplicateContacts = false
    /// Identifier order for upsert and duplicate checks.
    public var duplicateIdentifiers = ["email", "phone"]
    /// Id of the custom field that holds the Fulcrum record id.
    public var externalIdFieldId = "fgSyncFulcrumRecId01"
    /// The location's other custom fields, as `GET /locations/:id/customFields` lists them
    /// (`{"id", "name", "fieldKey", "dataType", "picklistOptions", ...}`); the link field is always
    /// there. By default one field of every `dataType` (`GHLDefaultCustomFields`).
    public var customFields: [JSONValue] = GHLDefaultCustomFields.definitions
    /// Webhook target URLs (the Marketplace app's webhook URL).
    public var webhookURLs: [String] = []
    /// Retries for webhooks answered 429, and the spacing between them (simulated ms).
    public var webhookMaxRetries = 6
    /// Spacing of webhook retries, simulated milliseconds (GHL: about 10 minutes).
    public var webhookRetryMillis: Int64 = 600_000

    /// Creates the default options.
    public init() {}
}
