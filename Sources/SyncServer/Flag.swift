import Synchronization

/// A flag set once, read from any task.
final class Flag: Sendable {
    private let state = Atomic<Bool>(false)

    /// Whether it was set.
    var value: Bool { state.load(ordering: .acquiring) }

    /// Sets it.
    func set() { state.store(true, ordering: .releasing) }
}
