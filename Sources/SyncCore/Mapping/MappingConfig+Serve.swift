import Foundation
import Yams

extension MappingConfig {
    /// The webhook key each endpoint section may carry.
    static func webhookKey(_ endpoint: String) -> String {
        endpoint == "ghl" ? "webhook_public_keys" : "webhook_secret_env"
    }

    /// Reads `ghl.webhook_public_keys`, `fulcrum.webhook_secret_env`, `sync.poll_interval` and
    /// `sync.full_reconcile_at`.
    static func serveSettings(_ reader: YAMLReader, ghl: Node?, fulcrum: Node?, sync: [String: Node]) throws -> ServeSettings {
        var settings = ServeSettings()
        if let keys = ghl?.mapping?["webhook_public_keys"] {
            let path = "ghl.webhook_public_keys"
            guard let items = keys.sequence else {
                throw reader.fail(keys, path, "expected a list of keys, each `ed25519:<base64 or PEM>` or `rsa:<PEM>`")
            }
            settings.ghlWebhookPublicKeys = try items.enumerated().map { index, item in
                let key = try reader.required(item, "\(path)[\(index)]", hint: "a key, `ed25519:<base64 or PEM>` or `rsa:<PEM>`")
                guard key.hasPrefix("ed25519:") || key.hasPrefix("rsa:") else {
                    throw reader.fail(item, "\(path)[\(index)]", "starts with neither `ed25519:` nor `rsa:`; say which kind of key it is")
                }
                return key
            }
        }
        if let node = fulcrum?.mapping?["webhook_secret_env"] {
            _ = try reader.required(node, "fulcrum.webhook_secret_env", hint: "the name of the variable holding the webhook path secret")
            settings.fulcrumWebhookSecretEnv = try reader.environmentName(node, "fulcrum.webhook_secret_env", holding: "secret")
        }
        if let text = try reader.string(sync["poll_interval"], "sync.poll_interval") {
            guard let interval = ServeSettings.duration(text), interval >= .seconds(1) else {
                throw reader.fail(sync["poll_interval"], "sync.poll_interval", "\"\(text)\" is not a duration of a second or more; write e.g. 300, 30s, 5m or 1h")
            }
            settings.pollInterval = interval
        }
        if let text = try reader.string(sync["full_reconcile_at"], "sync.full_reconcile_at") {
            guard let time = ServeSettings.TimeOfDay(text) else {
                throw reader.fail(sync["full_reconcile_at"], "sync.full_reconcile_at", "\"\(text)\" is not a time of day; write HH:MM on the 24-hour clock, e.g. \"02:30\" (quoted)")
            }
            settings.fullReconcileAt = time
        }
        return settings
    }
}
