import Dispatch
import Foundation

/// CPU work of one page split over the machine's cores, in order.
///
/// Encoding, hashing and compressing a snapshot page's records costs more than writing them;
/// one task per side leaves cores idle while the other side waits on the writer. A page is cut
/// into one slice per core and the slices' results are joined in the page's order, so what is
/// written does not depend on the number of cores.
package enum Lanes {
    /// Cores to use (at most 8).
    static let count = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    /// Items below which a slice is not worth a thread.
    static let smallestSlice = 128

    /// `transform` applied to slices of `items`, one per lane, joined in order. When slices
    /// throw, the error of the first of them in `items`' order is thrown, once every slice has
    /// finished.
    package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @Sendable (ArraySlice<Item>) throws -> [Result]
    ) throws -> [Result] {
        let lanes = min(count, items.count / smallestSlice)
        guard lanes > 1 else { return try transform(items[...]) }
        let size = (items.count + lanes - 1) / lanes
        let slots = Slots<[Result]>(lanes)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let range = min(items.count, lane * size)..<min(items.count, (lane + 1) * size)
            slots.set(lane, Swift.Result { try transform(items[range]) })
        }
        var joined: [Result] = []
        joined.reserveCapacity(items.count)
        for lane in 0..<lanes { joined.append(contentsOf: try slots.get(lane)) }
        return joined
    }

    /// One result per lane; each lane writes only its own slot, and they are read after all
    /// lanes finished.
    final class Slots<Value>: @unchecked Sendable {
        private let values: UnsafeMutableBufferPointer<Swift.Result<Value, any Error>?>

        init(_ count: Int) {
            values = .allocate(capacity: count)
            values.initialize(repeating: nil)
        }

        deinit {
            _ = values.deinitialize()
            values.deallocate()
        }

        func set(_ lane: Int, _ value: Swift.Result<Value, any Error>) { values[lane] = value }

        func get(_ lane: Int) throws -> Value { try values[lane]!.get() }
    }
}
