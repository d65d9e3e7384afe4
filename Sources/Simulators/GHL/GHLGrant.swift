/// An OAuth grant: which location and scopes a token carries, and until when.
struct GHLGrant: Sendable {
    /// Whose token it is (ghl.md §1.1: Location-Access, Agency-Access-Only, sub-account PIT).
    enum Kind: Sendable {
        /// A Location (sub-account) OAuth token: only its own location's data.
        case location
        /// A Company (agency) OAuth token: the `/oauth/locationToken` and
        /// `/oauth/installedLocations` routes only.
        case company
        /// The simulator's private integration token (every location of the company; see the docs).
        case privateIntegration
    }

    var locationId: String
    var scopes: Set<String>
    var expiresMillis: Int64?
    var kind: Kind = .location
}
