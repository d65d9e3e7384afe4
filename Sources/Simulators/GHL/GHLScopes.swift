/// OAuth scope names the simulator knows.
enum GHLScopes {
    static let read = "contacts.readonly"
    static let write = "contacts.write"
    static let customFieldsRead = "locations/customFields.readonly"
    static let customFieldsWrite = "locations/customFields.write"
    static let locationsRead = "locations.readonly"
    static let all: Set<String> = [read, write, customFieldsRead, customFieldsWrite, locationsRead]
    /// `POST /oauth/locationToken` (Agency-Access-Only).
    static let oauthWrite = "oauth.write"
    /// `GET /oauth/installedLocations` (Agency-Access-Only).
    static let oauthRead = "oauth.readonly"
    /// A Company token's scopes: the app's scopes plus the two OAuth ones.
    static let company: Set<String> = all.union([oauthWrite, oauthRead])
}
