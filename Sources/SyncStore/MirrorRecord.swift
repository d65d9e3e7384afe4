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
struct EncodedMirrorRow {
    var id: String
    var raw: String
    var projection: Data
    /// `AgreementDigest` of the projection; `nil` when it carries issues.
    var digest: Data?
    /// `AgreementDigest.rawHash` of `raw`.
    var rawHash: Int64
    var updatedAtMs: Int64?
    var version: Int?
    /// `raw` compressed against dictionary `dictionaryId`, once `compress` ran.
    var compressedRaw: Data?
    var dictionaryId: Int64 = 0

    init(_ record: MirrorRecord) {
        id = record.projection.id
        raw = record.raw
        projection = Data(ProjectionCodec.encode(record.projection))
        digest = AgreementDigest.of(record.projection)
        rawHash = AgreementDigest.rawHash(record.raw)
        updatedAtMs = record.projection.updatedAt.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
        version = record.version
    }

    /// Compresses `raw` (and lets it go) with `compressor`, made for dictionary `dictionaryId`.
    mutating func compress(with compressor: RawCompressor, dictionaryId: Int64) throws {
        compressedRaw = Data(try compressor.compress(raw))
        self.dictionaryId = dictionaryId
        raw = ""
    }
}
