/// Where one sync's state lives: an SQLite file, or a schema of the PostgreSQL database whose
/// URL is in an environment variable (`state.url_env`).
public enum StateLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite state file at this path.
    case file(String)
    /// The schema `schema` of the database whose `postgres://` URL is in the variable `urlEnv`.
    case postgres(urlEnv: String, schema: String)

    /// The PostgreSQL schema that keeps sync `name`'s state: `fgsync_<name>`, as written (sync
    /// names hold only letters, digits, `-` and `_`, so the quoted identifier is safe).
    public static func schema(forSync name: String) -> String {
        "fgsync_" + name
    }

    /// The state file's path, when the state is kept in a file.
    public var filePath: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// For messages: the file's path, or the schema and the variable naming the database
    /// (never the URL, which holds a password).
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let urlEnv, let schema): "schema \(schema) of the database in $\(urlEnv)"
        }
    }
}
