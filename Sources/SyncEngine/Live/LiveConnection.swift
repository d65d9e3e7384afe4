import Foundation
import FulcrumAPI
import HighLevelAPI
import SyncCore
import SyncHTTP

/// Connections to the real APIs (or simulators) for a configuration, with tokens from the
/// environment or the OAuth token file beside the state file. Never from the command line.
///
/// GHL: `GHL_TOKEN` (a private integration token; the variable named by `ghl.token_env`), or
/// OAuth with `GHL_CLIENT_ID` / `GHL_CLIENT_SECRET` and the token file `STATE.ghl-tokens.json`
/// (0600) written by `fgsync auth ghl --code`. Fulcrum: the variable named by `fulcrum.token_env`.
public struct LiveConnection: Sendable {
    /// The Fulcrum side.
    public let fulcrum: FulcrumClientGateway
    /// The GHL side.
    public let ghl: GHLClientGateway
    /// The OAuth session, when GHL uses OAuth.
    public let oauth: OAuthSession?
    let transport: AsyncHTTPTransport

    /// The OAuth token file for a state file.
    public static func tokenFile(statePath: String) -> URL {
        URL(fileURLWithPath: statePath + ".ghl-tokens.json")
    }

    /// Connects to both APIs as `config` says, reading tokens from `environment`; `observe` sees
    /// every answer (status and headers) before the clients do.
    public static func open(
        config: MappingConfig, statePath: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        options: ClientOptions = ClientOptions(), observe: (@Sendable (HTTPRequest, HTTPResponse) -> Void)? = nil
    ) throws -> LiveConnection {
        guard let fulcrumToken = try Self.token(environment, config.fulcrum.tokenEnv, key: "fulcrum.token_env") else {
            throw SyncEngineError(.auth, "no Fulcrum token: set the environment variable \(config.fulcrum.tokenEnv) (fulcrum.token_env) to an API token from Fulcrum's Settings > API")
        }
        let ghlURL = URL(string: config.ghl.url ?? HighLevelClient.defaultBaseURL.absoluteString) ?? HighLevelClient.defaultBaseURL
        let pit = try Self.token(environment, config.ghl.tokenEnv, key: "ghl.token_env")
        let oauthClient = try Self.token(environment, "GHL_CLIENT_ID", key: nil).flatMap { id in
            try Self.token(environment, "GHL_CLIENT_SECRET", key: nil).map { (id, $0) }
        }
        guard pit != nil || oauthClient != nil else {
            throw SyncEngineError(.auth, "no GHL credentials: set \(config.ghl.tokenEnv) (ghl.token_env) to a private integration token, or GHL_CLIENT_ID and GHL_CLIENT_SECRET and run `fgsync auth ghl --code CODE` once")
        }
        // Created only once the credentials are known to be there: an HTTP client must be shut down.
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(10))
        // `fgsync doctor` watches the answers (GHL's rate-limit headers) through `observe`.
        let sender: any HTTPTransport = observe.map { ObservingTransport(base: transport, observe: $0) } ?? transport
        let auth: GHLAuth
        var session: OAuthSession?
        if let pit {
            auth = .privateToken(pit)
        } else if let (clientId, secret) = oauthClient {
            let oauth = OAuthSession(
                tokenFile: tokenFile(statePath: statePath), clientId: clientId, clientSecret: secret,
                transport: sender, baseURL: ghlURL, options: options)
            session = oauth
            auth = .oauth(oauth)
        } else {
            preconditionFailure("checked above")
        }
        let fulcrumURL = URL(string: config.fulcrum.url ?? "https://api.fulcrumapp.com") ?? URL(fileURLWithPath: "/")
        let fulcrum = FulcrumClient(baseURL: fulcrumURL, token: fulcrumToken, transport: sender, options: options, budget: options.fulcrumBudget)
        let ghl = HighLevelClient(
            baseURL: ghlURL, locationId: config.ghl.id, auth: auth, transport: sender, options: options, pacer: options.ghlPacer)
        return LiveConnection(
            fulcrum: FulcrumClientGateway(client: fulcrum, formId: config.fulcrum.id), ghl: GHLClientGateway(client: ghl),
            oauth: session, transport: transport)
    }

    /// The secret in `variable`, trimmed of the whitespace and line breaks a copy from a file
    /// or a web page adds; `nil` when unset or blank. A value that trimming cannot repair (a
    /// line break, space, control or non-ASCII character inside) is refused before any request,
    /// naming the variable and never showing the value.
    public static func token(_ environment: [String: String], _ variable: String, key: String?) throws -> String? {
        guard let raw = environment[variable] else { return nil }
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        guard !token.isEmpty else { return nil }
        if let bad = token.unicodeScalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            let what = bad.properties.isWhitespace ? "whitespace or a line break" : bad.value < 0x20 || bad.value == 0x7F ? "a control character" : "a non-ASCII character"
            throw SyncEngineError(
                .auth, "the token in \(variable)\(key.map { " (\($0))" } ?? "") has \(what) inside it (\(token.count) characters; not shown). "
                    + "Copy the token again, as one line, and set \(variable) to it")
        }
        return token
    }

    /// Closes the HTTP client.
    public func close() async {
        try? await transport.shutdown()
    }
}
