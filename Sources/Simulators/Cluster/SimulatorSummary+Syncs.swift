import Foundation

/// The `syncs:` config `fgsync simulate --locations N --write-config` writes: one shared
/// mapping (`mappings.contacts`, the single config's mapping keys) and one entry per pair with
/// its own form, location and link field (a custom field id belongs to one location), all
/// authenticated by the same `FULCRUM_TOKEN` and `GHL_TOKEN` as the single config.
extension SimulatorSummary {
    func syncsConfigYAML(_ syncs: [Sync]) -> String {
        let single = singleConfigYAML()
        // The single config's mapping keys (from `tags:` on; `link:` differs per location),
        // indented under the shared mapping.
        let start = single.range(of: "\ntags:\n")!.lowerBound
        let mapping = single[single.index(after: start)...]
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "    " + $0 }
        let rsa = GHLWebhookSigner.shared.rsaPublicKeyPEM.split(separator: "\n").map { "          " + $0 }
        var lines = [
            "# \(syncs.count) syncs, one per (Fulcrum form, GHL location) pair; each keeps its state in",
            "# fgsync-<name>.sqlite beside this file. FULCRUM_TOKEN and GHL_TOKEN serve them all.",
            "mappings:",
            "  contacts:",
        ]
        lines += mapping.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed()
        lines.append("syncs:")
        for sync in syncs {
            lines += [
                "  - name: \(sync.name)",
                "    fulcrum:",
                "      url: \(fulcrum.url)",
                "      form_id: \(sync.formId)",
                "      token_env: FULCRUM_TOKEN",
                "      webhook_secret_env: FGSYNC_FULCRUM_WEBHOOK_SECRET",
                "    ghl:",
                "      url: \(ghl.url)",
                "      location_id: \(sync.locationId)",
                "      token_env: GHL_TOKEN",
                "      webhook_public_keys:",
                "        - \"ed25519:\(GHLWebhookSigner.shared.ed25519PublicKeyBase64)\"",
                "        - |",
                "          rsa:",
            ]
            lines += rsa
            lines += [
                "    mapping: contacts",
                "    link:",
                "      ghl_custom_field: \(sync.externalIdFieldId)",
                "      fulcrum_field: ghl_contact_id",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
