/// Settings of the GoHighLevel simulator.
///
/// Defaults are the real service's numbers; tests shrink the rate limits, token lifetime and
/// search lag to exercise those paths quickly.
public struct GHLOptions: Sendable {
    /// The first location (sub-account) the simulator serves (the only one by default).
    public var locationId = "sIMloc8FgsYnC0ntacts"
    /// How many locations of the company the simulator serves (`fgsync simulate --locations N`).
    /// The first is `locationId`; the others get ids and link-field ids of their own
    /// (`locationIds`, `linkFieldId(at:)`). Every location starts with the app installed.
    public var locationCount = 1
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
    /// Whether the location has the link field (`externalIdFieldId`, "Fulcrum Record Id") before
    /// anyone creates it; `false` for a location copied from a real one (a rehearsal brings its
    /// own definitions) or one where `fgsync init --create-missing` is to create it.
    public var linkFieldBuiltIn = true
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

    /// Marketplace app id carried by webhook events and location tokens.
    public var appId = "sim-app-fgsync"

    /// Creates the default options.
    public init() {}

    /// Every location id, first `locationId`, then `sIMloc8FgsYnC0nt0002`... (20 characters, as
    /// GHL's ids are).
    public var locationIds: [String] {
        [locationId] + (1..<max(1, locationCount)).map { "sIMloc8FgsYnC0nt" + Self.fourDigits($0 + 1) }
    }

    /// The link field's id in the location at `index` (0 = `externalIdFieldId`): a custom field
    /// id belongs to one location, so each location's "Fulcrum Record Id" field has its own.
    public func linkFieldId(at index: Int) -> String {
        index == 0 ? externalIdFieldId : "fgSyncFulcrumRec" + Self.fourDigits(index + 1)
    }

    /// These options narrowed to the location at `index` (its id and link-field id).
    func location(at index: Int) -> GHLOptions {
        var copy = self
        copy.locationId = locationIds[index]
        copy.externalIdFieldId = linkFieldId(at: index)
        copy.locationCount = 1
        return copy
    }

    static func fourDigits(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
