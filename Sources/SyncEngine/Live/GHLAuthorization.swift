import Foundation
import HighLevelAPI
import SyncCore
import SyncHTTP

/// `fgsync auth ghl`: exchange an OAuth authorization code, or refresh, and persist the pair
/// (0600, atomically) beside the state file. Tokens are never printed.
public struct GHLAuthorization: Sendable {
    /// The YAML mapping (for the GHL URL).
    public var configPath: String
    /// Which sync of a `syncs:` config (nil: a single-sync config).
    public var sync: String?
    /// The state file the tokens live beside.
    public var statePath: String

    /// Creates the command's runner.
    public init(configPath: String, sync: String? = nil, statePath: String) {
        self.configPath = configPath
        self.sync = sync
        self.statePath = statePath
    }

    /// Exchanges `code` (or refreshes when `code` is nil) and returns a sentence for the operator.
    public func run(code: String?, redirectURI: String, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        let config = try MappingConfig.load(contentsOf: URL(fileURLWithPath: configPath), sync: sync)
        guard let clientId = try LiveConnection.token(environment, "GHL_CLIENT_ID", key: nil),
            let secret = try LiveConnection.token(environment, "GHL_CLIENT_SECRET", key: nil)
        else {
            throw SyncEngineError(.auth, "set GHL_CLIENT_ID and GHL_CLIENT_SECRET (your Marketplace app's credentials) in the environment")
        }
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(10))
        defer { Task { try? await transport.shutdown() } }
        let file = LiveConnection.tokenFile(statePath: statePath)
        let session = OAuthSession(
            tokenFile: file, clientId: clientId, clientSecret: secret, transport: transport,
            baseURL: URL(string: config.ghl.url ?? HighLevelClient.defaultBaseURL.absoluteString) ?? HighLevelClient.defaultBaseURL)
        let tokens: OAuthTokens
        if let code {
            tokens = try await session.exchange(code: code, redirectURI: redirectURI)
        } else {
            tokens = try await session.refresh()
        }
        let expiry = tokens.expiresAt.map { " ; the access token expires at \(Timestamp.format($0, milliseconds: false))" } ?? ""
        return "GHL tokens saved to \(file.path) (mode 0600)\(expiry)"
    }
}
