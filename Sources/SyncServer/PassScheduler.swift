/// Hands out the passes serve may run at once across all its syncs, round-robin between the
/// syncs that wait: a sync flooded with events gets one turn, then every other waiting sync
/// gets one, so one big location cannot starve the others.
///
/// Each sync runs its passes one at a time (`PassRunner`), so a sync waits here for at most one
/// pass; the rotation also holds when it queues more.
actor PassScheduler {
    /// Passes that may run at once.
    let slots: Int
    private var running = 0
    /// Syncs with a waiting pass, in the order of their turns.
    private var order: [String] = []
    private var queues: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// The syncs granted a slot, in order (tests and logs read it).
    private(set) var granted: [String] = []

    /// Creates a scheduler of `slots` passes at once (at least one).
    init(slots: Int) {
        self.slots = max(1, slots)
    }

    /// Passes waiting for a slot.
    var waiting: Int { queues.values.reduce(0) { $0 + $1.count } }

    /// Waits for a slot for a pass of `sync`.
    func acquire(_ sync: String) async {
        if running < slots, order.isEmpty {
            running += 1
            granted.append(sync)
            return
        }
        await withCheckedContinuation { continuation in
            queues[sync, default: []].append(continuation)
            if !order.contains(sync) { order.append(sync) }
        }
    }

    /// Frees a slot: the next sync in turn takes it.
    func release() {
        guard !order.isEmpty else {
            running -= 1
            return
        }
        let sync = order.removeFirst()
        var queue = queues[sync] ?? []
        let next = queue.removeFirst()
        queues[sync] = queue.isEmpty ? nil : queue
        if !queue.isEmpty { order.append(sync) }
        granted.append(sync)
        next.resume()
    }
}
