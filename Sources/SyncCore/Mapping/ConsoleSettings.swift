/// The web console of `fgsync serve` (`console:` in the config).
///
/// Off unless `token_env` names a variable that holds the login token: the console can record
/// decisions and force runs, so it never starts open. The token itself is never in the file.
public struct ConsoleSettings: Sendable, Hashable {
    /// `console.token_env`: the environment variable holding the login token; `nil`: no console.
    public var tokenEnv: String?
    /// `console.session_ttl`: how long a login lasts (default 8 hours).
    public var sessionLifetime: Duration = .seconds(8 * 3_600)
    /// `console.protect_metrics`: whether `/metrics` needs the token too (as a bearer token);
    /// default false, as Prometheus scrapers usually sit on the same host.
    public var protectMetrics = false
    /// `console.secure_cookie`: mark the session cookie `Secure` (set it behind a TLS proxy).
    public var secureCookie = false

    /// The defaults: no console.
    public init() {}
}
