import Foundation

/// An OAuth token pair as fgsync stores it (in the 0600 token file beside the state file).
///
/// GHL rotates refresh tokens: each refresh returns a new pair and the old refresh token must be
/// considered spent, so the new pair is written to disk before it is used.
public struct OAuthTokens: Sendable, Hashable, Codable {
    /// The bearer token for API calls (valid about a day).
    public var accessToken: String
    /// The token that buys the next pair.
    public var refreshToken: String
    /// When the access token expires, if known.
    public var expiresAt: Date?
    /// The granted scopes, space-separated, if known.
    public var scope: String?
    /// `Location` or `Company`.
    public var userType: String?
    /// The sub-account the token is for, if the server said.
    public var locationId: String?

    /// Creates a pair (for example from environment variables).
    public init(
        accessToken: String,
        refreshToken: String,
        expiresAt: Date? = nil,
        scope: String? = nil,
        userType: String? = nil,
        locationId: String? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scope = scope
        self.userType = userType
        self.locationId = locationId
    }

    /// A pair from environment variables (names from the config, e.g. `GHL_ACCESS_TOKEN` and
    /// `GHL_REFRESH_TOKEN`); `nil` unless both are set and non-empty.
    public static func fromEnvironment(
        accessVariable: String,
        refreshVariable: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> OAuthTokens? {
        let trim = { (name: String) in environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let access = trim(accessVariable), !access.isEmpty,
            let refresh = trim(refreshVariable), !refresh.isEmpty
        else { return nil }
        return OAuthTokens(accessToken: access, refreshToken: refresh)
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
        case scope
        case userType = "user_type"
        case locationId = "location_id"
    }
}

extension OAuthTokens: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never the tokens themselves: only what is safe to log.
    public var description: String {
        "OAuthTokens(access: [REDACTED], refresh: [REDACTED], expiresAt: \(expiresAt.map { "\($0)" } ?? "unknown"))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }
}
