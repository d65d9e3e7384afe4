/// An OAuth grant: which location and scopes a token carries, and until when.
struct GHLGrant: Sendable {
    var locationId: String
    var scopes: Set<String>
    var expiresMillis: Int64?
}
