import Foundation
import Simulators
import Testing
@testable import SyncServer

/// The keys serve verifies GHL deliveries with: every spelling GHL's SDK accepts for an
/// Ed25519 key, PEM for RSA, and GHL's published RSA key always.
struct WebhookKeysTests {
    static let signer = GHLWebhookSigner.shared

    static var spellings: [String] {
        let raw = Data(base64Encoded: signer.ed25519PublicKeyBase64)!
        let spki = Data(WebhookKeys.ed25519SPKIPrefix) + raw
        return [
            signer.ed25519PublicKeyBase64,
            raw.map { String(format: "%02x", $0) }.joined(),
            signer.ed25519PublicKeyPEM,
            spki.base64EncodedString(),
        ]
    }

    @Test(arguments: 0..<4)
    func anEd25519KeyIsReadInEverySpellingAndVerifiesTheSimulatorsSignature(index: Int) throws {
        let keys = try WebhookKeys(configured: ["ed25519:" + Self.spellings[index]])
        let body = Data(#"{"type":"ContactUpdate"}"#.utf8)
        let signature = try #require(Self.signer.signatureHeaders(for: body).first { $0.name == "x-ghl-signature" }?.value)
        #expect(keys.verify(body: body, ghlSignature: signature, whSignature: nil) == .valid)
    }

    @Test func anIndentedRSAPEMIsReadAndVerifiesTheLegacySignature() throws {
        let pem = Self.signer.rsaPublicKeyPEM.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
        let keys = try WebhookKeys(configured: ["rsa:\n" + pem])
        let body = Data(#"{"type":"ContactUpdate"}"#.utf8)
        let signature = try #require(Self.signer.signatureHeaders(for: body).first { $0.name == "x-wh-signature" }?.value)
        #expect(keys.verify(body: body, ghlSignature: nil, whSignature: signature) == .valid)
        #expect(keys.rsa.count == 2, "GHL's published key stays trusted")
    }

    @Test func withoutConfiguredKeysOnlyGHLsPublishedRSAKeyIsTrusted() throws {
        let keys = try WebhookKeys(configured: [])
        let body = Data("{}".utf8)
        let headers = Self.signer.signatureHeaders(for: body)
        #expect(keys.ed25519.isEmpty)
        #expect(keys.rsa.count == 1)
        let verdict = keys.verify(
            body: body, ghlSignature: headers.first { $0.name == "x-ghl-signature" }?.value,
            whSignature: headers.first { $0.name == "x-wh-signature" }?.value)
        #expect(verdict == .invalid, "the simulator's own key is not GHL's")
    }

    /// Malformed keys, including DER that made swift-crypto 3.12 abort the process when it was
    /// handed over unchecked (a double free): each must be an error, every time.
    static let malformed = [
        "ed25519:not-a-key", "ed25519:" + String(repeating: "A", count: 40),
        "rsa:-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        "rsa:-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----",
        "rsa:-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
        "rsa:" + GHLWebhookSigner.shared.ed25519PublicKeyPEM,
        "rsa:not a pem at all",
    ]

    @Test func aMalformedRSAKeyIsAnErrorEveryTimeNeverACrash() {
        for _ in 0..<200 {
            #expect(throws: (any Error).self) { try WebhookKeys(configured: [Self.malformed[2]]) }
        }
    }

    @Test(arguments: malformed)
    func aKeyThatDoesNotParseIsRefusedNamingItsPlace(entry: String) {
        #expect(throws: (any Error).self) { try WebhookKeys(configured: [entry]) }
        do {
            _ = try WebhookKeys(configured: [entry])
        } catch {
            #expect("\(error)".contains("ghl.webhook_public_keys[0]"))
        }
    }
}
