import Foundation
import ServiceLifecycle

/// The service group and task of a started cluster.
final class RunningState: @unchecked Sendable {
    // @unchecked: both fields are only touched under `lock`.
    private let lock = NSLock()
    private var group: ServiceGroup?
    private var runTask: Task<Void, any Error>?

    func set(group: ServiceGroup, task: Task<Void, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        self.group = group
        self.runTask = task
    }

    func take() -> (ServiceGroup, Task<Void, any Error>)? {
        lock.lock()
        defer { lock.unlock() }
        guard let group, let runTask else { return nil }
        self.group = nil
        return (group, runTask)
    }

    func task() -> Task<Void, any Error>? {
        lock.lock()
        defer { lock.unlock() }
        return runTask
    }
}
