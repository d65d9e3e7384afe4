import SyncCore
import Testing

/// The `console:` section of the config: off unless `token_env` names a variable, and bad values
/// refused with the key at fault and what to write instead.
struct ConsoleConfigTests {
    static func yaml(_ console: String) -> String {
        """
        fulcrum: { form_id: form-1 }
        ghl: { location_id: loc-1 }
        link: { ghl_custom_field: cf-1, fulcrum_field: ghl_contact_id }
        fields:
          - { fulcrum: email, ghl: email }
        \(console)
        """
    }

    @Test func aConfigWithoutAConsoleSectionHasTheConsoleOff() throws {
        let config = try MappingConfig.load(yaml: Self.yaml(""))
        #expect(config.console.tokenEnv == nil)
    }

    @Test func theConsoleSectionIsRead() throws {
        let config = try MappingConfig.load(
            yaml: Self.yaml(
                "console: { token_env: FGSYNC_CONSOLE_TOKEN, session_ttl: 30m, protect_metrics: true, secure_cookie: yes }"
            ))
        #expect(config.console.tokenEnv == "FGSYNC_CONSOLE_TOKEN")
        #expect(config.console.sessionLifetime == .seconds(1_800))
        #expect(config.console.protectMetrics)
        #expect(config.console.secureCookie)
    }

    @Test(arguments: [
        ("console: { token_env: \"abc=def\" }", "console.token_env"),
        ("console: { token_env: 9LIVES }", "console.token_env"),
        ("console: { session_ttl: 1h }", "console.token_env: is required"),
        ("console: { token_env: T, session_ttl: 5s }", "console.session_ttl"),
        ("console: { token_env: T, session_ttl: 90d }", "console.session_ttl"),
        ("console: { token_env: T, protect_metrics: maybe }", "console.protect_metrics"),
        ("console: { token_env: T, tokn: x }", "console.tokn: unknown key"),
    ])
    func aBadConsoleValueIsRefusedNamingItsKey(_ section: String, _ named: String) {
        #expect {
            try MappingConfig.load(yaml: Self.yaml(section))
        } throws: { error in
            "\(error)".contains(named)
        }
    }
}
