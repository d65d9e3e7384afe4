import Foundation

/// Packs base states (`PackedBlob`) against the Fulcrum side's current dictionary, with a
/// compressor kept in the store's pool: preparing a trained dictionary costs more than packing
/// a base, and the propagator records bases one pair at a time.
struct BasePacker {
    let compressors: RawCompressorPool

    /// `state` packed against `dictionary`; `state` as it is while there is none (no full
    /// snapshot of Fulcrum has stored a record yet) or when packing would not make it smaller
    /// (a dictionary made from a handful of records).
    func pack(_ state: Data, dictionary: (id: Int64, bytes: [UInt8])?) throws -> Data {
        guard let dictionary, dictionary.id != 0 else { return state }
        let compressor = compressors.take(dictionary)
        defer { compressors.give(compressor, id: dictionary.id) }
        let packed = try PackedBlob.pack(state, dictionaryId: dictionary.id, with: compressor)
        return packed.count < state.count ? packed : state
    }
}
