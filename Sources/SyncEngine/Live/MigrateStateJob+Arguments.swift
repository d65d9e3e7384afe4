import Foundation
import SyncCore

extension MigrateStateJob {
    /// The place `--from` or `--to` names: `env:NAME` (a variable holding a `postgres://`
    /// URL), a `postgres://` URL without a password, or a state file's path. A database place
    /// keeps sync `sync`'s schema (`fgsync_<sync>`).
    ///
    /// A URL given on the command line is put into `environment` under `FGSYNC_<ROLE>_URL`, so
    /// the opener reads it like `state.url_env`.
    ///
    /// - Throws: `SyncEngineError.usage` for a URL with a password (the command line is seen by
    ///   every user of the machine and kept in shell history).
    public static func location(
        _ argument: String, role: String, sync: String, environment: inout [String: String]
    ) throws -> StateLocation {
        let schema = StateLocation.schema(forSync: sync)
        if argument.hasPrefix("env:") {
            let name = String(argument.dropFirst("env:".count))
            guard !name.isEmpty else {
                throw SyncEngineError(.usage, "--\(role) env: needs the name of a variable holding the postgres:// URL, e.g. --\(role) env:FGSYNC_STATE_URL")
            }
            return .postgres(urlEnv: name, schema: schema)
        }
        guard argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") else { return .file(argument) }
        if let components = URLComponents(string: argument), components.password != nil {
            throw SyncEngineError(
                .usage,
                "--\(role) carries a password, and a command line is seen by every user of this machine and kept in shell history; put the URL in an environment variable and write --\(role) env:NAME")
        }
        let variable = "FGSYNC_\(role.uppercased())_URL"
        environment[variable] = argument
        return .postgres(urlEnv: variable, schema: schema)
    }
}
