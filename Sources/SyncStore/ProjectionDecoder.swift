import Foundation
import SyncCore

/// Decodes projections and bases, remembering the tag sets it built.
///
/// Building a `TagSet` folds every tag (trim + lower-case), which costs more than the rest of
/// a projection's decoding; tag combinations repeat heavily across records, so one decoder per
/// stream keeps the sets it made, keyed by their exact spellings. Not shared across threads.
package struct ProjectionDecoder {
    private var tagSets: [[String]: TagSet] = [:]
    private static let tagSetLimit = 4096
    private let unpacker: BlobUnpacker?

    /// Creates a decoder with an empty tag-set memo; with `unpacker`, it reads packed blobs
    /// (`PackedBlob`, the SQLite file's) as well as the codec's bytes.
    package init(unpacker: BlobUnpacker? = nil) {
        self.unpacker = unpacker
    }

    /// The codec bytes of `data`, unpacked when it is packed.
    private func unpacked(_ data: Data) throws -> Data {
        try unpacker?.bytes(data) ?? data
    }

    /// Decodes a `RecordState` written by `ProjectionCodec.encode` (or packed).
    package mutating func decode(_ data: Data) throws -> RecordState {
        try unpacked(data).withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == ProjectionCodec.recordTag else { throw CodecError.unknownFormat }
            let id = try reader.string()
            let fields = try reader.fields()
            let tags = tagSet(try reader.tagSpellings())
            let linkId = try reader.optionalString()
            var updatedAt: Date?
            if try reader.byte() == 1 {
                updatedAt = Date(timeIntervalSinceReferenceDate: Double(bitPattern: try reader.uint64()))
            }
            let issueCount = try reader.count()
            var issues: [FieldIssue] = []
            issues.reserveCapacity(issueCount)
            for _ in 0..<issueCount {
                let (field, value, reason) = (try reader.string(), try reader.string(), try reader.string())
                let misfit = reason.hasPrefix(ProjectionCodec.misfitMark)
                issues.append(FieldIssue(
                    field: field, value: value, reason: misfit ? String(reason.dropFirst()) : reason, misfit: misfit))
            }
            return RecordState(id: id, fields: fields, tags: tags, linkId: linkId, updatedAt: updatedAt, issues: issues)
        }
    }

    /// Decodes a projection whose `AgreementDigest` equals its pair's base: its fields agree
    /// with the base's (same canonical values), so the base's own dictionary is handed over and
    /// nothing per field is allocated. The tags are read as the side spells them (a tag removal
    /// names the side's own spelling), through the memo of tag sets.
    package mutating func decode(_ data: Data, agreeingWith base: PairBase) throws -> RecordState {
        let data = try unpacked(data)
        let header: (String, [String], String?, Date?, Int) = try data.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == ProjectionCodec.recordTag else { throw CodecError.unknownFormat }
            let id = try reader.string()
            try reader.skipFields()
            let tags = try reader.tagSpellings()
            let linkId = try reader.optionalString()
            var updatedAt: Date?
            if try reader.byte() == 1 {
                updatedAt = Date(timeIntervalSinceReferenceDate: Double(bitPattern: try reader.uint64()))
            }
            return (id, tags, linkId, updatedAt, try reader.count())
        }
        // A digest is only stored for a projection without issues; anything else decodes whole.
        guard header.4 == 0 else { return try decode(data) }
        return RecordState(id: header.0, fields: base.fields, tags: tagSet(header.1), linkId: header.2, updatedAt: header.3)
    }

    /// Decodes a base state written by `ProjectionCodec.encodeBase`.
    package mutating func decodeBase(_ data: Data) throws -> (fields: [String: FieldValue], tags: TagSet) {
        try unpacked(data).withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == ProjectionCodec.baseTag else { throw CodecError.unknownFormat }
            let fields = try reader.fields()
            return (fields, tagSet(try reader.tagSpellings()))
        }
    }

    /// The values of `keys` in a base state written by `ProjectionCodec.encodeBase`, the rest
    /// of it skipped.
    package func decodeBase(_ data: Data, keeping keys: Set<String>) throws -> [String: FieldValue] {
        try unpacked(data).withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == ProjectionCodec.baseTag else { throw CodecError.unknownFormat }
            return try reader.fields(keeping: keys)
        }
    }

    private mutating func tagSet(_ spellings: [String]) -> TagSet {
        if spellings.isEmpty { return TagSet() }
        if let known = tagSets[spellings] { return known }
        let made = TagSet(spellings)
        if tagSets.count >= Self.tagSetLimit { tagSets.removeAll(keepingCapacity: true) }
        tagSets[spellings] = made
        return made
    }
}
