import SyncHTTP

/// How the GHL client authenticates.
public enum GHLAuth: Sendable {
    /// A Private Integration Token (never refreshed: a 401 is final).
    case privateToken(String)
    /// An OAuth session (a 401 triggers one refresh and one retry).
    case oauth(OAuthSession)
    /// A location token minted from the agency's Company token (a 401 mints a new one, once).
    case agency(LocationTokenSession)

    /// The bearer token to send now.
    func currentToken() async throws -> String {
        switch self {
        case .privateToken(let token): token
        case .oauth(let session): try await session.accessToken()
        case .agency(let session): try await session.accessToken()
        }
    }

    /// A new token after GHL refused `rejected` (401), or `nil` when a private token cannot be renewed.
    func renewed(replacing rejected: String) async throws -> String? {
        switch self {
        case .privateToken: nil
        case .oauth(let session): try await session.refresh(replacing: rejected).accessToken
        case .agency(let session): try await session.refresh(replacing: rejected).accessToken
        }
    }

    /// Scrubs every secret this auth has held from messages.
    var redactor: SecretRedactor {
        switch self {
        case .privateToken(let token): SecretRedactor(secrets: [token])
        case .oauth(let session): session.redactor
        case .agency(let session): session.redactor
        }
    }
}
