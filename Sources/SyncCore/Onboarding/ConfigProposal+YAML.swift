import Foundation

extension ConfigProposal {
    /// The config as commented YAML, ready for `fgsync doctor`, `rehearse` and `reconcile`.
    public var yaml: String {
        var lines: [String] = [
            "# fgsync config written by `fgsync init` for Fulcrum form \"\(formName.components(separatedBy: .newlines).joined(separator: " "))\" and GHL location \(endpoints.locationId).",
            "# Tokens are never written here: set FULCRUM_TOKEN and GHL_TOKEN in the environment.",
            "# Next: fgsync doctor --config THIS_FILE, then fgsync rehearse, then fgsync reconcile.",
            "fulcrum:",
        ]
        if let url = endpoints.fulcrumURL { lines.append("  url: \(url)") }
        lines += [
            "  form_id: \(endpoints.formId)",
            "  token_env: FULCRUM_TOKEN",
            "  # For fgsync serve: the secret path segment of Fulcrum's webhook (16+ letters, digits, - or _).",
            "  # webhook_secret_env: FGSYNC_FULCRUM_WEBHOOK_SECRET",
            "ghl:",
        ]
        if let url = endpoints.ghlURL { lines.append("  url: \(url)") }
        lines += [
            "  location_id: \(endpoints.locationId)",
            "  token_env: GHL_TOKEN",
            "link:",
            "  # The GHL custom field (TEXT) holding the Fulcrum record id\(ghlLinkField == nil ? " (missing: fgsync init --create-missing creates it)" : "").",
            "  ghl_custom_field: \(ghlLinkField ?? Self.linkFieldKey)",
            "  # The hidden Fulcrum TextField holding the GHL contactId\(fulcrumLinkElement == nil ? " (missing: add it in the app builder)" : "").",
            "  fulcrum_field: \(fulcrumLinkElement ?? Self.fulcrumLinkField)",
        ]
        if let tagsField {
            lines += ["tags:", "  fulcrum_field: \(tagsField)  # a multiple ChoiceField; GHL tags merge with its choices"]
        } else {
            lines += ["# tags: no multiple ChoiceField named tags on the form, so tags are not synced.", "#   fulcrum_field: tags"]
        }
        lines.append("fields:")
        for pairing in pairings {
            let key: String
            switch pairing.ghl {
            case .standard: key = "ghl"
            case .custom: key = "ghl_custom_field"
            }
            let direction = pairing.direction == .both ? "" : ", direction: \(pairing.direction.rawValue)"
            lines.append(
                "  - { fulcrum: \(Self.scalar(pairing.fulcrum)), \(key): \(Self.scalar(pairing.ghlName))\(direction) }  # \(Self.oneLine(pairing.types))")
        }
        if pairings.isEmpty { lines.append("  []  # nothing could be paired by name; see the fields below") }
        if !unpaired.isEmpty {
            lines.append("  # Not paired (add an entry by hand once a GHL field fits):")
            for item in unpaired {
                lines.append("  # - \(Self.oneLine(item.fulcrum)): \(Self.oneLine(item.reason))")
            }
        }
        lines += [
            "defaults:",
            "  phone_region: US  # the country phones without a +country code are read in",
            "  conflict_policy: newest  # newest | fulcrum | ghl | manual",
            "deletes:",
            "  mode: propagate  # propagate | archive | ignore",
            "  max_delete: 20%",
            "sync:",
            "  create_in_ghl: true",
            "  create_in_fulcrum: true",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Text for a comment: every kind of line break (CR, LF, NEL, U+2028...) becomes a space, so
    /// a name read from the form or the location cannot end the comment and add YAML.
    static func oneLine(_ text: String) -> String {
        text.components(separatedBy: .newlines).joined(separator: " ")
    }

    /// A plain YAML scalar as is; anything else single-quoted (quotes doubled, line breaks as
    /// spaces), so a field name never changes the structure of the file.
    static func scalar(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ($0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.-".unicodeScalars.contains($0)))
        }
        return plain ? text : "'" + oneLine(text).replacingOccurrences(of: "'", with: "''") + "'"
    }
}
