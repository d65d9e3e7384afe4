import Foundation

/// Compressors kept between snapshot pages, per dictionary id of one state.
///
/// Making a compressor prepares its dictionary (`ZSTD_CDict`) and, on its first frame, sizes
/// and clears a work area; a snapshot compresses each page on every core, so a compressor made
/// per page and lane redid that a few thousand times a million records. A lane takes one from
/// here and gives it back when the page is done; at most `kept` idle ones stay per dictionary.
// @unchecked Sendable: `idle` is only touched while holding `lock`; a compressor taken out is
// used by the one lane that took it until it is given back.
package final class RawCompressorPool: @unchecked Sendable {
    /// Idle compressors kept per dictionary: two snapshots (one per side) on every lane.
    static let kept = 2 * Lanes.count
    private let lock = NSLock()
    private var idle: [Int64: [RawCompressor]] = [:]

    package init() {}

    /// A compressor against `dictionary`, idle or new.
    package func take(_ dictionary: (id: Int64, bytes: [UInt8])) -> RawCompressor {
        lock.withLock { idle[dictionary.id]?.popLast() } ?? RawCompressor(dictionary: dictionary.bytes)
    }

    /// Gives back a compressor `take` made against dictionary `id`.
    package func give(_ compressor: RawCompressor, id: Int64) {
        lock.withLock {
            if idle[id, default: []].count < Self.kept { idle[id, default: []].append(compressor) }
        }
    }
}
