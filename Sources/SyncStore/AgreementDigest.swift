import Crypto
import Foundation
import SyncCore

/// A fingerprint of what the planner compares between a pair's sides and its base: the fields,
/// the tags and the link to the partner.
///
/// Every mirror row stores the digest of its projection and every base the digests its two
/// sides would have if they agreed with it. Streaming pairs to the planner, a side whose digest
/// equals its base's is not decoded again: its fields and tags are the base's (the planner then
/// finds nothing to do in a few comparisons). A projection with issues (a value that does not
/// fit) has no digest, so it is always decoded. SHA-256 cut to 128 bits: no one can make two
/// records collide on purpose, so an edit can never hide behind an equal digest.
enum AgreementDigest {
    static let length = 16

    /// The digest of a projection encoded by `ProjectionCodec.encodeMeasured`; `nil` when the
    /// projection carries issues.
    static func of(_ state: RecordState, encoded: [UInt8], agreement: Range<Int>) -> Data? {
        guard state.issues.isEmpty else { return nil }
        var hasher = SHA256()
        hasher.update(data: [ProjectionCodec.baseTag])
        encoded.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[agreement])) }
        return finish(hasher)
    }

    /// The digest a side agreeing with the base `encodedState` has, when linked to `partner`.
    static func base(_ encodedState: some DataProtocol, partner: String) -> Data {
        var hasher = SHA256()
        hasher.update(data: encodedState)
        var link = ByteWriter(capacity: partner.utf8.count + 2)
        link.optionalString(partner)
        hasher.update(data: link.bytes)
        return finish(hasher)
    }

    private static func finish(_ hasher: SHA256) -> Data {
        Data(hasher.finalize().prefix(length))
    }

    /// The first 8 bytes of the SHA-256 of a raw JSON text, to tell an unchanged record
    /// without reading back and expanding the stored one.
    static func rawHash(_ raw: String) -> Int64 {
        var raw = raw
        let digest = raw.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        return digest.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }
}
