import Crypto
import Foundation
import SyncEngine
import _CryptoExtras

/// The public keys GHL webhook deliveries are verified against.
///
/// GHL signs the raw body twice: `x-ghl-signature` (Ed25519, preferred) and the legacy
/// `x-wh-signature` (RSA PKCS#1 v1.5 over SHA-256). GHL's published RSA key is always trusted;
/// `ghl.webhook_public_keys` adds keys (the Ed25519 key, a rotated RSA key, a simulator's).
// @unchecked: the key types are immutable values that swift-crypto 3.12 does not mark Sendable.
struct WebhookKeys: @unchecked Sendable {
    var ed25519: [Curve25519.Signing.PublicKey] = []
    var rsa: [_RSA.Signing.PublicKey] = []

    /// The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw key is the 32 bytes after it.
    static let ed25519SPKIPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// Parses the configured keys (`ed25519:` base64, hex or PEM; `rsa:` PEM) plus GHL's
    /// published RSA key; a key that does not parse is refused naming its position.
    init(configured: [String]) throws {
        rsa.append(try RSAPublicKeyPEM.key(GHLPublishedKey.rsaPEM))
        for (index, entry) in configured.enumerated() {
            let place = "ghl.webhook_public_keys[\(index)]"
            if entry.hasPrefix("ed25519:") {
                guard let key = Self.ed25519(String(entry.dropFirst("ed25519:".count))) else {
                    throw SyncEngineError(.usage, "\(place) is not an Ed25519 public key: give the 32-byte key in base64 or hex, or its PEM (BEGIN PUBLIC KEY)")
                }
                ed25519.append(key)
            } else if entry.hasPrefix("rsa:") {
                // Each line trimmed: a PEM pasted into YAML often keeps some indentation.
                let pem = entry.dropFirst("rsa:".count).split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
                do {
                    rsa.append(try RSAPublicKeyPEM.key(pem))
                } catch {
                    throw SyncEngineError(.usage, "\(place) is not an RSA public key in PEM (BEGIN PUBLIC KEY, 2048 bits or more): \(error)")
                }
            } else {
                throw SyncEngineError(.usage, "\(place) starts with neither `ed25519:` nor `rsa:`")
            }
        }
    }

    /// An Ed25519 key from base64 or hex of the raw 32 bytes, or a PEM / base64 SPKI.
    static func ed25519(_ text: String) -> Curve25519.Signing.PublicKey? {
        let body = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("-----") }.joined()
        var bytes: [UInt8]?
        if body.count == 64, body.allSatisfy(\.isHexDigit) {
            bytes = stride(from: 0, to: 64, by: 2).compactMap { offset in
                let start = body.index(body.startIndex, offsetBy: offset)
                return UInt8(body[start..<body.index(start, offsetBy: 2)], radix: 16)
            }
        } else if let data = Data(base64Encoded: body) {
            bytes = [UInt8](data)
        }
        guard var raw = bytes else { return nil }
        if raw.count == 44, raw.starts(with: ed25519SPKIPrefix) { raw.removeFirst(12) }
        guard raw.count == 32 else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    /// How a delivery's signature checked out.
    enum Verdict: Sendable, Equatable {
        case valid
        /// Neither signature header was sent.
        case missing
        /// A signature was sent and matches no trusted key (forged, the wrong key, a changed body).
        case invalid
    }

    /// Checks `x-ghl-signature` when it is sent and an Ed25519 key is trusted, else
    /// `x-wh-signature`, over the exact bytes received.
    func verify(body: Data, ghlSignature: String?, whSignature: String?) -> Verdict {
        if let ghlSignature, !ed25519.isEmpty {
            guard let signature = Data(base64Encoded: ghlSignature.trimmingCharacters(in: .whitespaces)) else { return .invalid }
            return ed25519.contains { $0.isValidSignature(signature, for: body) } ? .valid : .invalid
        }
        guard let whSignature else { return ghlSignature == nil ? .missing : .invalid }
        guard let bytes = Data(base64Encoded: whSignature.trimmingCharacters(in: .whitespaces)) else { return .invalid }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: bytes)
        return rsa.contains { $0.isValidSignature(signature, for: body, padding: .insecurePKCS1v1_5) } ? .valid : .invalid
    }
}
