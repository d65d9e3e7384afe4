import Crypto
import Foundation
import _CryptoExtras

/// Signs webhook bodies the two ways GHL does, with the simulator's own key pair.
///
/// `x-wh-signature`: base64 RSA PKCS#1 v1.5 SHA-256; `x-ghl-signature`: base64 Ed25519. The
/// public keys are served at `GET /_sim/webhook-keys` and printed by `fgsync simulate`, so a
/// receiver can be configured with them instead of GHL's published keys.
public struct GHLWebhookSigner: Sendable {
    let rsaKey: _RSA.Signing.PrivateKey
    let edKeyBytes: Data
    var edKey: Curve25519.Signing.PrivateKey {
        // The raw representation came from a valid key, so this cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: edKeyBytes)
    }

    /// One key pair per process: RSA generation is slow, and every simulator can share it.
    public static let shared = GHLWebhookSigner.generate()

    /// A new key pair (tests use one as "the wrong key": a well-formed signature that no
    /// receiver trusts).
    public static func generate() -> GHLWebhookSigner {
        do {
            return GHLWebhookSigner(
                rsaKey: try _RSA.Signing.PrivateKey(keySize: .bits2048),
                edKeyBytes: Curve25519.Signing.PrivateKey().rawRepresentation)
        } catch {
            fatalError("RSA key generation failed: \(error)")
        }
    }

    /// RSA public key, PEM (SubjectPublicKeyInfo).
    public var rsaPublicKeyPEM: String { rsaKey.publicKey.pemRepresentation }
    /// Ed25519 public key, base64 of the raw 32 bytes.
    public var ed25519PublicKeyBase64: String { edKey.publicKey.rawRepresentation.base64EncodedString() }
    /// Ed25519 public key, PEM (SubjectPublicKeyInfo).
    public var ed25519PublicKeyPEM: String {
        let prefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
        let der = Data(prefix) + edKey.publicKey.rawRepresentation
        return "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----"
    }

    /// The two signature headers for a body.
    public func signatureHeaders(for body: Data) -> [(name: String, value: String)] {
        var headers: [(String, String)] = []
        if let rsa = try? rsaKey.signature(for: body, padding: .insecurePKCS1v1_5) {
            headers.append(("x-wh-signature", rsa.rawRepresentation.base64EncodedString()))
        }
        if let ed = try? edKey.signature(for: body) {
            headers.append(("x-ghl-signature", ed.base64EncodedString()))
        }
        return headers
    }

    /// Public keys by name (`rsaPublicKeyPem`, `ed25519PublicKey` base64, `ed25519PublicKeyPem`).
    public var publicKeys: [String: String] {
        [
            "rsaPublicKeyPem": rsaPublicKeyPEM, "ed25519PublicKey": ed25519PublicKeyBase64,
            "ed25519PublicKeyPem": ed25519PublicKeyPEM,
        ]
    }

    /// Public keys as JSON.
    var publicKeysJSON: JSONValue {
        [
            "rsaPublicKeyPem": .string(rsaPublicKeyPEM), "ed25519PublicKey": .string(ed25519PublicKeyBase64),
            "ed25519PublicKeyPem": .string(ed25519PublicKeyPEM),
        ]
    }
}
