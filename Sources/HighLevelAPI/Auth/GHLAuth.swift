/// How the GHL client authenticates.
public enum GHLAuth: Sendable {
    /// A Private Integration Token (never refreshed: a 401 is final).
    case privateToken(String)
    /// An OAuth session (a 401 triggers one refresh and one retry).
    case oauth(OAuthSession)

    /// The bearer token to send now.
    func currentToken() async throws -> String {
        switch self {
        case .privateToken(let token): token
        case .oauth(let session): try await session.accessToken()
        }
    }
}
