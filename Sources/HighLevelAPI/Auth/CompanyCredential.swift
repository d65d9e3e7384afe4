/// The agency's Company (user type `Company`) credential a `LocationTokenSession` mints with.
public enum CompanyCredential: Sendable {
    /// An access token from the environment (`ghl.agency_token_env`): never refreshed here.
    case token(String)
    /// The Company pair `fgsync auth ghl --company` stored, refreshed like any OAuth pair.
    case oauth(OAuthSession)

    /// The Company access token to send now.
    func current() async throws -> String {
        switch self {
        case .token(let token): token
        case .oauth(let session): try await session.accessToken()
        }
    }

    /// A refreshed token after GHL refused `rejected`, or `nil` when it cannot be refreshed.
    func renewed(replacing rejected: String) async throws -> String? {
        switch self {
        case .token: nil
        case .oauth(let session): try await session.refresh(replacing: rejected).accessToken
        }
    }
}
