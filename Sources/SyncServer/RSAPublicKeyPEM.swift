import SwiftASN1
import _CryptoExtras

/// Reads an RSA public key from PEM (`PUBLIC KEY`, SubjectPublicKeyInfo, or `RSA PUBLIC KEY`,
/// PKCS#1) into its modulus and exponent with SwiftASN1, and only then builds the key.
///
/// Why not `_RSA.Signing.PublicKey(pemRepresentation:)`: in swift-crypto 3.12 a DER that does
/// not parse frees the key twice and aborts the process (seen in our tests). A misconfigured key
/// must be an error that names it, never a crash; the modulus-and-exponent path has no such bug.
enum RSAPublicKeyPEM {
    /// rsaEncryption (RFC 8017 A.1).
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]

    /// Why a PEM is not an RSA public key fgsync can use.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// The key in `pem`; refuses anything else, and keys under 2048 bits.
    static func key(_ pem: String) throws -> _RSA.Signing.PublicKey {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: pem)
        } catch {
            throw Refusal(description: "not a PEM block (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)")
        }
        let (modulus, exponent): (ArraySlice<UInt8>, ArraySlice<UInt8>)
        do {
            let root = try DER.parse(document.derBytes)
            let pkcs1: ASN1Node
            switch document.discriminator {
            case "PUBLIC KEY": pkcs1 = try subjectPublicKey(root)
            case "RSA PUBLIC KEY": pkcs1 = root
            default: throw Refusal(description: "a \(document.discriminator) block, not a PUBLIC KEY")
            }
            (modulus, exponent) = try DER.sequence(pkcs1, identifier: .sequence) { nodes in
                (try ArraySlice<UInt8>(derEncoded: &nodes), try ArraySlice<UInt8>(derEncoded: &nodes))
            }
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal(description: "the PEM does not hold an RSA public key (\(error))")
        }
        let bits = modulus.drop { $0 == 0 }.count * 8
        guard bits >= 2048 else { throw Refusal(description: "an RSA key of \(bits) bits; GHL's keys have 2048 or more") }
        return try _RSA.Signing.PublicKey(n: modulus, e: exponent)
    }

    /// The PKCS#1 key inside a SubjectPublicKeyInfo whose algorithm is rsaEncryption.
    private static func subjectPublicKey(_ root: ASN1Node) throws -> ASN1Node {
        try DER.sequence(root, identifier: .sequence) { nodes in
            guard let algorithm = nodes.next() else { throw Refusal(description: "an empty SubjectPublicKeyInfo") }
            let oid = try DER.sequence(algorithm, identifier: .sequence) { parts in
                let oid = try ASN1ObjectIdentifier(derEncoded: &parts)
                while parts.next() != nil {}  // the parameters (NULL for RSA)
                return oid
            }
            guard oid == rsaEncryption else { throw Refusal(description: "a public key of another algorithm (\(oid)), not RSA") }
            let bits = try ASN1BitString(derEncoded: &nodes)
            return try DER.parse(bits.bytes)
        }
    }
}
