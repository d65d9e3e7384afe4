import Foundation
import SyncCore
import SyncStore

/// Both sides' snapshot pages of the synthetic pairs, each pair generated once where it can be.
///
/// The two sides are ingested by two tasks, and a side's page `k` holds the same pairs as the
/// other side's page `k`. Each task made every pair of its pages on its own, so every pair was
/// generated twice: a fifth of the ingest's CPU time went to the generator. Now the side that
/// asks for a page first makes it for both and keeps the other side's until that side asks.
/// No more than `lead` pages are kept: a side further ahead makes its pages alone, as before,
/// so the memory held stays bounded however far the sides drift (32 pages of 1000 raised the
/// ingest's peak by about 60 MB; at 16, about a third of the pages are still made alone, since a
/// side waiting on a group commit falls that far behind).
// @unchecked Sendable: `kept`, `next`, `alone` and `generating` are only touched while holding `lock`.
final class SyntheticPages: @unchecked Sendable {
    let pairs: Int
    let pageSize: Int
    let seed: UInt64
    let changed: Double
    let lead: Int
    private let lock = NSLock()
    private var kept: [Side: [Int: [MirrorRecord]]] = [.fulcrum: [:], .ghl: [:]]
    private var next: [Side: Int] = [.fulcrum: 0, .ghl: 0]
    private var alone = 0
    private var generating: Double = 0

    /// How many pages a side made alone (its pairs are generated a second time for the other side).
    var pagesMadeAlone: Int { lock.withLock { alone } }

    /// CPU seconds the threads spent making pages so far: the benchmark's own share of an
    /// ingest's CPU time, to tell the store's apart.
    var generationCPUSeconds: Double { lock.withLock { generating } }

    init(pairs: Int, pageSize: Int, seed: UInt64, changed: Double, lead: Int = 16) {
        self.pairs = pairs
        self.pageSize = pageSize
        self.seed = seed
        self.changed = changed
        self.lead = lead
    }

    /// How many pages each side has.
    var count: Int { (pairs + pageSize - 1) / pageSize }

    /// Page `number` of `side`'s snapshot: pairs `number * pageSize` on, as its API would list them.
    func page(_ side: Side, _ number: Int) -> [MirrorRecord] {
        let range = (number * pageSize)..<min(pairs, (number + 1) * pageSize)
        let (made, shared) = lock.withLock { () -> ([MirrorRecord]?, Bool) in
            next[side] = number + 1
            if let page = kept[side]?.removeValue(forKey: number) { return (page, false) }
            let shared = next[side.other, default: 0] <= number && (kept[side.other]?.count ?? 0) < lead
            if !shared { alone += 1 }
            return (nil, shared)
        }
        if let made { return made }
        let started = Self.threadCPUSeconds
        defer {
            let spent = Self.threadCPUSeconds - started
            lock.withLock { generating += spent }
        }
        var mine: [MirrorRecord] = []
        var theirs: [MirrorRecord] = []
        mine.reserveCapacity(range.count)
        if shared { theirs.reserveCapacity(range.count) }
        for index in range {
            let pair = SyntheticPair(index: index, seed: seed, changed: changed)
            mine.append(pair.mirror(side))
            if shared { theirs.append(pair.mirror(side.other)) }
        }
        guard shared else { return mine }
        lock.withLock {
            // Kept only while the other side has yet to ask for it (it may have made its own meanwhile).
            if next[side.other, default: 0] <= number { kept[side.other]?[number] = theirs }
        }
        return mine
    }

    /// The calling thread's CPU time (a page is made on one thread, start to end).
    static var threadCPUSeconds: Double {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
