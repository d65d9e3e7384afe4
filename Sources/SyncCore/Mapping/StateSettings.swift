/// Where the syncs of a config keep their state (`state:` at the top of the config).
///
/// By default each sync keeps an SQLite file beside the config (or in `--state`). With
/// `state: { url_env: NAME }` every sync keeps its state in the PostgreSQL database whose
/// `postgres://` URL is in that environment variable, each sync in its own schema, so several
/// `fgsync serve` workers can share the syncs. The URL holds a password, so it is never in the
/// file or on the command line: the config only names the variable.
public struct StateSettings: Sendable, Hashable {
    /// `state.url_env`: the environment variable holding the database URL; `nil`: SQLite files.
    public var urlEnv: String?

    /// The default: SQLite state files.
    public init(urlEnv: String? = nil) {
        self.urlEnv = urlEnv
    }
}
