import Crypto
import Foundation

/// One signed-in browser: the id its cookie carries, the CSRF token its forms carry, and when
/// it ends. Both values are 256 random bits; neither is derived from the login token.
struct ConsoleSession: Sendable, Hashable {
    /// The cookie value (base64url).
    let id: String
    /// The token every POST must carry in its `csrf` field (base64url).
    let csrf: String
    /// When the session ends, whatever happens meanwhile.
    let expires: Date
    /// A message for the next page shown (e.g. "decision recorded"), then cleared.
    var flash: String?

    /// A new session ending `lifetime` after `now`.
    static func new(now: Date, lifetime: Duration) -> ConsoleSession {
        ConsoleSession(
            id: randomToken(), csrf: randomToken(),
            expires: now.addingTimeInterval(TimeInterval(lifetime.components.seconds)), flash: nil)
    }

    /// Whether `given` is this session's CSRF token (compared in constant time).
    func csrfMatches(_ given: String?) -> Bool {
        guard let given, !given.isEmpty else { return false }
        return WebhookReceiver.sameSecret(given, csrf)
    }

    /// 256 bits from the system's cryptographic generator, base64url without padding.
    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
