import Foundation
import SyncCore

/// A base as the `base` table stores it, made before the write lock is taken: its state
/// encoded and packed (`BasePacker`) and the digest each agreeing side has (`AgreementDigest`).
struct PreparedBase {
    let pair: PairBase
    let state: Data
    let fulcrumDigest: Data
    let ghlDigest: Data

    /// `pair` prepared with `packer` against the Fulcrum side's `dictionary` (if it has one).
    init(_ pair: PairBase, packer: BasePacker, dictionary: (id: Int64, bytes: [UInt8])?) throws {
        self.pair = pair
        let fields = SortedProjection.fields(pair.fields)
        let tags = SortedProjection.tags(pair.tags)
        state = try packer.pack(Data(ProjectionCodec.encodeBase(fields: fields, tags: tags)), dictionary: dictionary)
        fulcrumDigest = AgreementDigest.base(pair, side: .fulcrum, fields: fields, tags: tags)
        ghlDigest = AgreementDigest.base(pair, side: .ghl, fields: fields, tags: tags)
    }
}
