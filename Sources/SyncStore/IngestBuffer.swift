import Foundation
import SyncCore

/// Snapshot pages waiting to be committed together, and the ids each open snapshot saw, per
/// snapshot sequence number.
///
/// What a snapshot saw is kept in memory (`SeenIds`: a hash of each id, 8 bytes a record), not
/// written to every row: a record seen unchanged costs no write at all, and the records a
/// finished snapshot did not see are the ones gone from that side. A snapshot is begun, fed
/// and finished by one `SQLiteStateStore`; one interrupted by a crash is simply taken again.
///
/// A random-id primary key index costs about one index page per record per commit, so
/// committing a 500-record GHL page at a time writes several times the data it stores.
/// Grouping pages until about `groupSize` records halves the bytes written at a million
/// records (measured with `fgsync-bench plan`). Nothing is lost by waiting: a full snapshot
/// only counts once finished, and one interrupted by a crash is simply taken again.
///
/// A snapshot begun while another is open (a run lists both sides at once) commits its first
/// group at half the size: the two sides list at about the same pace, and with the same
/// boundaries both waited for the one writer at once, one core idle, ten times a million
/// records. Offset by half a group, each side's write overlaps the other's encoding.
// @unchecked Sendable: `pending` is only touched while holding `lock`.
package final class IngestBuffer: @unchecked Sendable {
    let groupSize: Int
    private let lock = NSLock()
    private var pending: [Int64: [EncodedMirrorRow]] = [:]
    private var seen: [Int64: SeenIds] = [:]
    private var fresh: Set<Int64> = []
    /// The size of a snapshot's first group, when it is not `groupSize`.
    private var firstGroup: [Int64: Int] = [:]

    package init(groupSize: Int) {
        self.groupSize = max(1, groupSize)
    }

    /// Starts remembering what snapshot `seq` sees; `mirrorEmpty` when its side's mirror held
    /// no record as it began (a first snapshot: nothing to compare pages with).
    package func begin(seq: Int64, mirrorEmpty: Bool = false) {
        lock.withLock {
            if !seen.isEmpty { firstGroup[seq] = max(1, groupSize / 2) }
            seen[seq] = SeenIds()
            if mirrorEmpty { fresh.insert(seq) }
        }
    }

    /// Whether snapshot `seq` began on an empty mirror.
    package func mirrorWasEmpty(seq: Int64) -> Bool {
        lock.withLock { fresh.contains(seq) }
    }

    /// Remembers that snapshot `seq` saw `ids`; `false` when this store did not begin it.
    package func markSeen(_ ids: [String], seq: Int64) -> Bool {
        markSeen(hashes: ids.map(SeenIds.hash), seq: seq)
    }

    /// Remembers that snapshot `seq` saw the records of `page`; `false` when this store did
    /// not begin it. Each id is read where it lies: mapping the page copied every record (and
    /// retained each of its parts) to read its id.
    package func markSeen(_ page: [MirrorRecord], seq: Int64) -> Bool {
        var hashes: [Int] = []
        hashes.reserveCapacity(page.count)
        for index in page.indices { hashes.append(SeenIds.hash(page[index].projection.id)) }
        return markSeen(hashes: hashes, seq: seq)
    }

    /// Remembers the id hashes (`SeenIds.hash`) snapshot `seq` saw. They are made before the
    /// lock is taken: the other side's task waits on it.
    private func markSeen(hashes: [Int], seq: Int64) -> Bool {
        lock.withLock {
            guard seen[seq] != nil else { return false }
            for hash in hashes { seen[seq]?.insert(hash: hash) }
            return true
        }
    }

    /// What snapshot `seq` saw, forgotten; `nil` when this store did not begin it.
    package func takeSeen(seq: Int64) -> SeenIds? {
        lock.withLock {
            fresh.remove(seq)
            firstGroup[seq] = nil
            return seen.removeValue(forKey: seq)
        }
    }

    /// Adds rows; returns the group to commit now when the buffer reached `groupSize`.
    package func add(_ rows: [EncodedMirrorRow], seq: Int64) -> [EncodedMirrorRow]? {
        lock.lock()
        defer { lock.unlock() }
        pending[seq, default: []].append(contentsOf: rows)
        guard let buffered = pending[seq], buffered.count >= firstGroup[seq] ?? groupSize else { return nil }
        pending[seq] = nil
        firstGroup[seq] = nil
        return buffered
    }

    /// Takes whatever is buffered for `seq` (at finish).
    package func take(seq: Int64) -> [EncodedMirrorRow] {
        lock.lock()
        defer { lock.unlock() }
        return pending.removeValue(forKey: seq) ?? []
    }
}
