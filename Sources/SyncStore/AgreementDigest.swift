import Crypto
import Foundation
import SyncCore

/// A fingerprint of what the planner compares between a pair's sides and its base: each
/// field's canonical value, the tag keys (folded) and the link to the partner.
///
/// Every mirror row stores the digest of its projection and every base the digests its two
/// sides have when they agree with it. Streaming a live pair with both sides present, a side
/// whose digest equals its base's has its fields handed over from the base instead of decoded
/// (equal canonical values; a field's spelling may then be the base's, which the planner never
/// uses for a value the side and the base agree on; its tags are still read as spelled, since a
/// tag removal names them) and the planner finds nothing to do in a few comparisons. Spellings
/// are left out on purpose: a phone written `(415) 555-0101` on one side and `+14155550101` on
/// the other agrees, and such pairs are the usual case.
/// A projection with issues (a value that does not fit) has no digest, so it is always decoded.
/// SHA-256 cut to 128 bits: no one can make two records collide on purpose, so an edit can
/// never hide behind an equal digest.
package enum AgreementDigest {
    static let length = 16

    /// The digest of a projection; `nil` when it carries issues.
    package static func of(_ state: RecordState) -> Data? {
        of(SortedProjection(state))
    }

    /// The digest of a projection already sorted; `nil` when it carries issues.
    static func of(_ sorted: SortedProjection) -> Data? {
        var scratch = ByteWriter(capacity: 256)
        return of(sorted, scratch: &scratch)
    }

    /// `of(_:)`, writing what is hashed into `scratch` (a buffer reused record after record).
    static func of(_ sorted: SortedProjection, scratch: inout ByteWriter) -> Data? {
        guard sorted.state.issues.isEmpty else { return nil }
        return digest(fields: sorted.fields, tags: sorted.tags, link: sorted.state.linkId, scratch: &scratch)
    }

    /// The digest a side agreeing with `base` has: Fulcrum's links the contact, GHL's the record.
    package static func base(_ base: PairBase, side: Side) -> Data {
        self.base(base, side: side, fields: SortedProjection.fields(base.fields), tags: SortedProjection.tags(base.tags))
    }

    /// `base(_:side:)` of a base whose fields and tags are already sorted (`SortedProjection`).
    static func base(
        _ base: PairBase, side: Side, fields: [(key: String, value: FieldValue)], tags: [(key: String, value: String)]
    ) -> Data {
        digest(fields: fields, tags: tags, link: side == .fulcrum ? base.contactId : base.fulcrumId)
    }

    static func digest(fields: [(key: String, value: FieldValue)], tags: [(key: String, value: String)], link: String?) -> Data {
        var writer = ByteWriter(capacity: 256)
        return digest(fields: fields, tags: tags, link: link, scratch: &writer)
    }

    /// `digest(fields:tags:link:)`, writing what is hashed into `writer` (emptied first).
    static func digest(
        fields: [(key: String, value: FieldValue)], tags: [(key: String, value: String)], link: String?, scratch writer: inout ByteWriter
    ) -> Data {
        writer.reset()
        writer.varint(UInt64(fields.count))
        for (key, value) in fields {
            writer.string(key)
            writer.string(value.canonical)
        }
        writer.varint(UInt64(tags.count))
        for tag in tags { writer.string(tag.key) }
        writer.optionalString(link)
        // Copied from the digest's own bytes: `Data(digest.prefix(_:))` went through the generic
        // sequence initializer and a dynamic cast, a third of this function's time.
        return SHA256.hash(data: writer.bytes).withUnsafeBytes { Data(bytes: $0.baseAddress!, count: length) }
    }

    /// The first 8 bytes of the SHA-256 of a raw JSON text, to tell an unchanged record
    /// without reading back and expanding the stored one.
    package static func rawHash(_ raw: String) -> Int64 {
        var raw = raw
        let digest = raw.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        return digest.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    /// `rawHash(_:)` of JSON text given as its UTF-8 bytes, without making a `String` of it:
    /// equal to the hash of `String(decoding: bytes, as: UTF8.self)` when the bytes are valid
    /// UTF-8 (a listed record's raw JSON, as the API sent it).
    package static func rawHash(bytes: Data) -> Int64 {
        let digest = SHA256.hash(data: bytes)
        return digest.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }
}
