import Foundation
import Yams

extension MappingConfig {
    /// Where sync `name` of this config keeps its state: its schema of the database
    /// `state.url_env` names, or the state file at `statePath`.
    public func stateLocation(sync name: String, statePath: String) -> StateLocation {
        guard let urlEnv = state.urlEnv else { return .file(statePath) }
        return .postgres(urlEnv: urlEnv, schema: StateLocation.schema(forSync: name))
    }

    /// Reads the `state:` section: `url_env`, the variable holding a `postgres://` URL.
    static func stateSettings(_ reader: YAMLReader, _ node: Node?) throws -> StateSettings {
        let map = try reader.mapping(node, "state", allowed: ["url_env", "url"])
        if let url = map["url"] {
            throw reader.fail(
                url, "state.url",
                "a database URL carries its password, so it is never written in the config; put it in an environment variable and name that variable with state.url_env")
        }
        let name = try reader.environmentName(map["url_env"], "state.url_env", holding: "database URL")
        if node != nil, name == nil {
            throw reader.fail(
                node, "state.url_env",
                "is required when state: is given: the variable holding the postgres:// URL, e.g. FGSYNC_STATE_URL (leave state: out to keep SQLite files)")
        }
        return StateSettings(urlEnv: name)
    }
}
