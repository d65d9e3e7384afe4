import Foundation

/// Packs base states (`PackedBlob`) against the Fulcrum side's current dictionary, keeping one
/// compressor for it: preparing a trained dictionary costs more than packing a base, and the
/// propagator records bases one pair at a time.
// @unchecked Sendable: `compressor` is only touched while holding `lock`.
final class BasePacker: @unchecked Sendable {
    private let lock = NSLock()
    private var compressor: (id: Int64, compressor: RawCompressor)?

    /// `state` packed against `dictionary`; `state` as it is while there is none (no full
    /// snapshot of Fulcrum has stored a record yet) or when packing would not make it smaller
    /// (a dictionary made from a handful of records).
    func pack(_ state: Data, dictionary: (id: Int64, bytes: [UInt8])?) throws -> Data {
        guard let dictionary, dictionary.id != 0 else { return state }
        return try lock.withLock {
            let current = compressor.flatMap { $0.id == dictionary.id ? $0.compressor : nil } ?? RawCompressor(dictionary: dictionary.bytes)
            compressor = (dictionary.id, current)
            let packed = try PackedBlob.pack(state, dictionaryId: dictionary.id, with: current)
            return packed.count < state.count ? packed : state
        }
    }
}
