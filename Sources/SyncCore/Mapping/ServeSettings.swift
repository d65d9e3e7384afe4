import Foundation

/// What `fgsync serve` needs beyond a pass: who may send webhooks, how often to poll, and when
/// to run the nightly full reconcile.
///
/// Keys are kept as text here (SyncCore does no cryptography); `fgsync serve` parses them at
/// start and refuses a bad one naming its position in `ghl.webhook_public_keys`.
public struct ServeSettings: Sendable, Hashable {
    /// `ghl.webhook_public_keys`: `ed25519:` (base64 raw 32 bytes, or PEM) and `rsa:` (PEM)
    /// keys GHL deliveries are verified against. Empty: GHL's published RSA key only.
    public var ghlWebhookPublicKeys: [String] = []
    /// `fulcrum.webhook_secret_env`: the environment variable holding the secret path segment
    /// of Fulcrum's webhook URL (Fulcrum signs nothing). `nil`: Fulcrum webhooks are refused.
    public var fulcrumWebhookSecretEnv: String?
    /// `sync.poll_interval`: a cursor-based delta pass runs this often, events or not.
    public var pollInterval: Duration = .seconds(300)
    /// `sync.full_reconcile_at`: the local time of day serve runs the full reconcile, if set.
    public var fullReconcileAt: TimeOfDay?

    /// A time of day, `HH:MM` (24-hour clock).
    public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
        /// 0-23.
        public var hour: Int
        /// 0-59.
        public var minute: Int

        /// Parses `HH:MM`; `nil` when it is not a time of day.
        public init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
                let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
            else { return nil }
            self.hour = hour
            self.minute = minute
        }

        /// `HH:MM`.
        public var description: String { String(format: "%02d:%02d", hour, minute) }
    }

    /// The defaults: GHL's published key, no Fulcrum webhooks, a poll every 5 minutes.
    public init() {}

    /// Parses a duration written as seconds (`300`) or with a unit (`30s`, `5m`, `1h`).
    public static func duration(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, millis) in units where text.hasSuffix(suffix) {
            guard let value = Int64(text.dropLast(suffix.count)), value > 0 else { return nil }
            return .milliseconds(value * millis)
        }
        guard let seconds = Int64(text), seconds > 0 else { return nil }
        return .seconds(seconds)
    }
}
