import Foundation
import SyncCore

/// The compact binary encoding of `RecordState` projections and base states in the mirrors.
///
/// Measured against `JSONEncoder` and `PropertyListEncoder` (see `fgsync-bench codec`): a
/// million pairs means three million decodes per plan, and only a hand-written format keeps that
/// within the time budget. The layout is versioned by its first byte; `ProjectionCodecTests`
/// fail when `RecordState`, `PairBase` or `FieldValue` gain a stored property, so a new field
/// cannot be dropped silently.
///
/// Layout: strings are a varint byte count then UTF-8; fields are sorted by key and store the
/// spelling only when it differs from the canonical value; dates are the bit pattern of
/// `timeIntervalSinceReferenceDate` (exact round trip).
package enum ProjectionCodec {
    /// The name written to `meta.projection_codec`.
    package static let name = "fgsync-bin1"
    static let recordTag: UInt8 = 0x52  // "R"
    static let baseTag: UInt8 = 0x42  // "B"
    /// Prefix of a misfit issue's stored reason.
    static let misfitMark = "\u{1}"

    // MARK: - Encoding

    /// Encodes a projection for the mirrors' `projection` column.
    package static func encode(_ state: RecordState) -> [UInt8] {
        encode(SortedProjection(state))
    }

    /// Encodes a projection whose fields and tags are already sorted.
    static func encode(_ sorted: SortedProjection) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        encode(sorted, into: &writer)
        return writer.bytes
    }

    /// Appends the encoding of a sorted projection to `writer` (a buffer reused record after record).
    static func encode(_ sorted: SortedProjection, into writer: inout ByteWriter) {
        let state = sorted.state
        writer.byte(recordTag)
        writer.string(state.id)
        writer.fields(sorted: sorted.fields)
        writer.tags(sorted: sorted.tags)
        writer.optionalString(state.linkId)
        if let date = state.updatedAt {
            writer.byte(1)
            writer.uint64(date.timeIntervalSinceReferenceDate.bitPattern)
        } else {
            writer.byte(0)
        }
        writer.varint(UInt64(state.issues.count))
        for issue in state.issues {
            writer.string(issue.field)
            writer.string(issue.value)
            // A misfit is marked by a leading U+0001 in its reason (no reason starts with one),
            // so state files written before misfits existed read unchanged.
            writer.string(issue.misfit ? misfitMark + issue.reason : issue.reason)
        }
    }

    /// Encodes the agreed values of a base (ids and deleted side live in their own columns).
    package static func encodeBase(fields: [String: FieldValue], tags: TagSet) -> [UInt8] {
        encodeBase(fields: SortedProjection.fields(fields), tags: SortedProjection.tags(tags))
    }

    /// Encodes a base's agreed values already sorted (`SortedProjection`).
    static func encodeBase(fields: [(key: String, value: FieldValue)], tags: [(key: String, value: String)]) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        writer.byte(baseTag)
        writer.fields(sorted: fields)
        writer.tags(sorted: tags)
        return writer.bytes
    }

    // MARK: - Decoding

    /// Decodes one projection; prefer a `ProjectionDecoder` for many.
    package static func decode(_ data: Data) throws -> RecordState {
        var decoder = ProjectionDecoder()
        return try decoder.decode(data)
    }

    static func decodeBase(_ data: Data) throws -> (fields: [String: FieldValue], tags: TagSet) {
        var decoder = ProjectionDecoder()
        return try decoder.decodeBase(data)
    }
}

/// A stored projection or base that does not decode.
package enum CodecError: Error {
    case unknownFormat
    case truncated
}
