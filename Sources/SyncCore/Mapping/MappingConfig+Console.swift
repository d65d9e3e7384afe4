import Foundation
import Yams

extension MappingConfig {
    /// Reads the `console:` section: `token_env`, `session_ttl`, `protect_metrics`, `secure_cookie`.
    static func consoleSettings(_ reader: YAMLReader, _ node: Node?) throws -> ConsoleSettings {
        var settings = ConsoleSettings()
        let map = try reader.mapping(
            node, "console", allowed: ["token_env", "session_ttl", "protect_metrics", "secure_cookie"])
        if let name = try reader.environmentName(map["token_env"], "console.token_env", holding: "token") {
            settings.tokenEnv = name
        } else if node != nil, !map.isEmpty {
            throw reader.fail(
                node, "console.token_env",
                "is required when console: is given: the variable holding the login token, e.g. FGSYNC_CONSOLE_TOKEN"
            )
        }
        if let text = try reader.string(map["session_ttl"], "console.session_ttl") {
            guard let lifetime = ServeSettings.duration(text), lifetime >= .seconds(60),
                lifetime <= .seconds(30 * 86_400)
            else {
                throw reader.fail(
                    map["session_ttl"], "console.session_ttl",
                    "\"\(text)\" is not a duration between a minute and 30 days; write e.g. 30m, 8h or 3600")
            }
            settings.sessionLifetime = lifetime
        }
        settings.protectMetrics = try reader.bool(
            map["protect_metrics"], "console.protect_metrics", default: false)
        settings.secureCookie = try reader.bool(map["secure_cookie"], "console.secure_cookie", default: false)
        return settings
    }
}
