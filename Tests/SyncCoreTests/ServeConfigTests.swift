import Foundation
import SyncCore
import Testing

/// The config keys `fgsync serve` reads: webhook keys, the Fulcrum secret's variable, polling
/// and the nightly time; a bad value is refused naming the key and the fix.
struct ServeConfigTests {
    static func yaml(ghl: String = "", fulcrum: String = "", sync: String = "") -> String {
        """
        fulcrum:
          form_id: form-1
        \(fulcrum)
        ghl:
          location_id: loc-1
        \(ghl)
        link:
          ghl_custom_field: cf-fulcrum-record-id
          fulcrum_field: ghl_contact_id
        fields:
          - { fulcrum: email, ghl: email }
        sync:
          create_in_ghl: true
        \(sync)
        """
    }

    @Test func withoutServeKeysTheDefaultsHold() throws {
        let settings = try MappingConfig.load(yaml: Self.yaml()).serve
        #expect(settings.ghlWebhookPublicKeys.isEmpty)
        #expect(settings.fulcrumWebhookSecretEnv == nil)
        #expect(settings.pollInterval == .seconds(300))
        #expect(settings.fullReconcileAt == nil)
    }

    @Test(arguments: [("300", Duration.seconds(300)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3_600))])
    func aPollIntervalIsReadInSecondsOrWithAUnit(text: String, interval: Duration) throws {
        let config = try MappingConfig.load(yaml: Self.yaml(sync: "  poll_interval: \(text)"))
        #expect(config.serve.pollInterval == interval)
    }

    @Test(arguments: ["0", "-5m", "soon", "500ms", "5 minutes"])
    func aPollIntervalThatIsNotADurationOfASecondOrMoreIsRefused(text: String) {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(yaml: Self.yaml(sync: "  poll_interval: \(text)")) }
        #expect(error?.message.contains("sync.poll_interval") == true)
    }

    @Test func theNightlyTimeIsReadAsHoursAndMinutes() throws {
        let config = try MappingConfig.load(yaml: Self.yaml(sync: "  full_reconcile_at: \"02:30\""))
        #expect(config.serve.fullReconcileAt?.hour == 2)
        #expect(config.serve.fullReconcileAt?.minute == 30)
        #expect(config.serve.fullReconcileAt?.description == "02:30")
    }

    @Test(arguments: ["24:00", "2:60", "noon", "02:30:00"])
    func aNightlyTimeThatIsNotATimeOfDayIsRefused(text: String) {
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: Self.yaml(sync: "  full_reconcile_at: \"\(text)\""))
        }
        #expect(error?.message.contains("HH:MM") == true)
    }

    @Test func webhookKeysAreReadInOrder() throws {
        let keys = """
              webhook_public_keys:
                - "ed25519:MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg="
                - |
                  rsa:
                  -----BEGIN PUBLIC KEY-----
                  MIIB
                  -----END PUBLIC KEY-----
            """
        let config = try MappingConfig.load(yaml: Self.yaml(ghl: keys))
        #expect(config.serve.ghlWebhookPublicKeys.count == 2)
        #expect(config.serve.ghlWebhookPublicKeys[0].hasPrefix("ed25519:"))
        #expect(config.serve.ghlWebhookPublicKeys[1].hasPrefix("rsa:"))
    }

    @Test func aWebhookKeyThatDoesNotSayItsKindIsRefused() {
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: Self.yaml(ghl: "  webhook_public_keys: [\"MCowBQYDK2VwAyEA\"]"))
        }
        #expect(error?.message.contains("ghl.webhook_public_keys[0]") == true)
    }

    @Test func theFulcrumSecretIsNamedByItsVariableNotWrittenInTheFile() throws {
        let config = try MappingConfig.load(yaml: Self.yaml(fulcrum: "  webhook_secret_env: FGSYNC_HOOK_SECRET"))
        #expect(config.serve.fulcrumWebhookSecretEnv == "FGSYNC_HOOK_SECRET")
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: Self.yaml(fulcrum: "  webhook_secret_env: s3cr3t/with-slash"))
        }
        #expect(error?.message.contains("not an environment variable name") == true)
    }
}
