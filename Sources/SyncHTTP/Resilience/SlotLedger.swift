/// The times at which our requests took a slot of a rate window, oldest first.
///
/// A slot taken at `t` is free again at `t + interval` at the latest, whether the server counts
/// in a sliding window (each slot comes back one interval after it was taken) or a fixed one
/// (all come back at the window's end, which is never later). Times only grow, so the ledger is
/// an append-only queue with a moving head.
struct SlotLedger: Sendable {
    private var times: [Duration] = []
    private var head = 0

    /// Slots held.
    var count: Int { times.count - head }

    /// The oldest slot's time, if any.
    var oldest: Duration? { count > 0 ? times[head] : nil }

    /// The `index`-th oldest slot's time.
    subscript(index: Int) -> Duration { times[head + index] }

    /// Slots taken strictly before `time`.
    func count(before time: Duration) -> Int {
        var low = head
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < time { low = middle + 1 } else { high = middle }
        }
        return low - head
    }

    /// Records a slot taken at `time` (never before the newest, so the order holds).
    mutating func append(_ time: Duration) {
        times.append(max(time, times.last ?? time))
    }

    /// Frees every slot taken at or before `cutoff`.
    mutating func forget(through cutoff: Duration) {
        while head < times.count, times[head] <= cutoff { head += 1 }
        compact()
    }

    /// Frees the `n` oldest slots (the server says it no longer counts them).
    mutating func dropOldest(_ n: Int) {
        head = min(times.count, head + max(0, n))
        compact()
    }

    private mutating func compact() {
        guard head > 64, head * 2 > times.count else { return }
        times.removeFirst(head)
        head = 0
    }
}
