import Foundation
import SyncCore

/// One record as a snapshot read it: the API's own JSON and our canonical projection of it.
///
/// The raw JSON is kept so a later mapping change can re-project without re-reading the API,
/// and so an operator can see exactly what the server said.
public struct MirrorRecord: Sendable, Hashable {
    /// The canonical projection; its `id` is the record id and `updatedAt` the server time.
    public var projection: RecordState
    /// The record exactly as the API returned it (a Fulcrum record or a GHL contact), JSON text.
    public var raw: String
    /// Fulcrum's record `version`; `nil` for GHL contacts.
    public var version: Int?

    /// Creates a mirror row.
    public init(projection: RecordState, raw: String, version: Int? = nil) {
        self.projection = projection
        self.raw = raw
        self.version = version
    }

    /// The record's id on its own side.
    public var id: String { projection.id }
}

/// A mirror row encoded for SQLite, prepared outside the write lock; the raw JSON is
/// compressed (`compress`) only once the row is known to have changed.
package struct EncodedMirrorRow {
    package var id: String
    package var raw: String
    package var projection: Data
    /// `AgreementDigest` of the projection; `nil` when it carries issues.
    package var digest: Data?
    /// `AgreementDigest.rawHash` of `raw`.
    package var rawHash: Int64
    package var updatedAtMs: Int64?
    package var version: Int?
    /// `raw` compressed against dictionary `dictionaryId`, once `compress` ran.
    package var compressedRaw: Data?
    package var dictionaryId: Int64 = 0

    package init(_ record: MirrorRecord) {
        var scratch = EncodingScratch()
        self.init(record, encodingInto: &scratch)
        projection = Data(scratch.codec.bytes)
    }

    /// The row of a record known to be new, its projection and raw JSON packed together
    /// (`PackedBlob`) against dictionary `dictionaryId` with `compressor`, as `init(_:)` then
    /// `compress(with:dictionaryId:packingProjection:)` make it. The codec's bytes, what the
    /// digest hashes and what is compressed go through `scratch`'s buffers, reused record after
    /// record: a first snapshot made and dropped five buffers a record.
    package init(
        _ record: MirrorRecord, packedWith compressor: RawCompressor, dictionaryId: Int64, scratch: inout EncodingScratch
    ) throws {
        self.init(record, encodingInto: &scratch)
        projection = try scratch.codec.bytes.withUnsafeBytes { codec in
            try PackedBlob.pack(codec: codec, raw: raw, dictionaryId: dictionaryId, with: compressor, content: &scratch.content)
        }
        compressedRaw = Data()
        self.dictionaryId = dictionaryId
        raw = ""
    }

    /// Every column but `projection` (left empty), with the codec's bytes of the projection left
    /// in `scratch.codec`.
    private init(_ record: MirrorRecord, encodingInto scratch: inout EncodingScratch) {
        id = record.projection.id
        raw = record.raw
        let sorted = SortedProjection(record.projection)
        scratch.codec.reset()
        ProjectionCodec.encode(sorted, into: &scratch.codec)
        projection = Data()
        digest = AgreementDigest.of(sorted, scratch: &scratch.digest)
        rawHash = AgreementDigest.rawHash(record.raw)
        updatedAtMs = record.projection.updatedAt.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
        version = record.version
    }

    /// Compresses `raw` (and lets it go) with `compressor`, made for dictionary `dictionaryId`.
    /// With `packingProjection` and a dictionary, the projection and the raw JSON are packed
    /// together into `projection` (`PackedBlob`) and `compressedRaw` is left empty.
    package mutating func compress(with compressor: RawCompressor, dictionaryId: Int64, packingProjection: Bool = false) throws {
        if packingProjection, dictionaryId != 0 {
            projection = try PackedBlob.pack(projection, raw: raw, dictionaryId: dictionaryId, with: compressor)
            compressedRaw = Data()
        } else {
            compressedRaw = Data(try compressor.compress(raw))
        }
        self.dictionaryId = dictionaryId
        raw = ""
    }
}

/// Buffers one encoding lane reuses from record to record (`EncodedMirrorRow.init(_:packedWith:dictionaryId:scratch:)`).
package struct EncodingScratch {
    var codec = ByteWriter(capacity: 256)
    var digest = ByteWriter(capacity: 256)
    /// Used only when packing; it grows to a record's size on the first one.
    var content = ByteWriter(capacity: 0)

    package init() {}
}
