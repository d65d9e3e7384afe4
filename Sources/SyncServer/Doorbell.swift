/// Wakes a waiting loop: a webhook stored, a shutdown begun, or a timeout passed.
///
/// A ring with nobody waiting is kept, so a wake between two waits is never lost.
actor Doorbell {
    private var waiter: CheckedContinuation<Void, Never>?
    private var rung = false

    /// Wakes the waiter, or the next one.
    func ring() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            rung = true
        }
    }

    /// Returns at the next ring, or after `timeout`.
    func wait(timeout: Duration) async {
        if rung {
            rung = false
            return
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.ring()
        }
        await withCheckedContinuation { waiter = $0 }
        timer.cancel()
        rung = false
    }
}
