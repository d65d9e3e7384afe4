import Foundation

/// Knows the secrets in use and scrubs them from any text that leaves the clients.
///
/// Every token a client holds is registered here (OAuth sessions register each rotated pair), and
/// every server message, error detail and logged value passes through `scrub` first. Header
/// values of credential headers are replaced whole by `redactedHeaders`.
public final class SecretRedactor: @unchecked Sendable {
    // @unchecked: `secrets` is only read and written under `lock`.
    private var secrets: Set<String> = []
    private let lock = NSLock()

    /// The text that replaces a secret.
    public static let mask = "[REDACTED]"

    /// Headers whose values are always secret.
    public static let credentialHeaders: Set<String> = [
        "authorization", "x-apitoken", "cookie", "set-cookie", "proxy-authorization",
    ]

    /// Creates a redactor knowing `secrets` (empty strings are ignored).
    public init(secrets: [String] = []) {
        for secret in secrets { register(secret) }
    }

    /// Adds a secret (ignored when shorter than 4 characters, which would mask ordinary text).
    /// A secret with whitespace or control characters around it is also known without them,
    /// and each line of a secret with a line break inside: an error that quotes a malformed
    /// header escapes or splits it, and must still not show any part of it.
    public func register(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        let pieces = trimmed.components(separatedBy: .newlines.union(.controlCharacters))
        let forms = ([secret, trimmed] + pieces).filter { $0.count >= 4 }
        guard !forms.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        secrets.formUnion(forms)
    }

    /// The text with every known secret replaced by `mask`.
    public func scrub(_ text: String) -> String {
        lock.lock()
        let known = secrets.sorted { $0.count > $1.count }
        lock.unlock()
        var result = text
        for secret in known where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }

    /// The headers with credential values masked and other values scrubbed, for logging.
    public func redactedHeaders(_ headers: HTTPHeaders) -> [String: String] {
        var result: [String: String] = [:]
        for field in headers {
            let secret = Self.credentialHeaders.contains(field.name.lowercased())
            result[field.name] = secret ? Self.mask : scrub(field.value)
        }
        return result
    }
}
