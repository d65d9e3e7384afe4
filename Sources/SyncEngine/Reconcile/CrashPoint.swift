import Synchronization

/// A point where a run passes a journal transition, named so the same point is found again in
/// another run whatever the concurrency: the pair (by both its planned ids) and the n-th
/// transition of that pair's writes. The crash-safety test stops a real run at chosen points.
public struct CrashPoint: Sendable, Hashable, Codable {
    /// The pair's Fulcrum record id as planned (`nil` for a record still to be created).
    public var fulcrumId: String?
    /// The pair's GHL contactId as planned (`nil` for a contact still to be created).
    public var contactId: String?
    /// The transition's number within the pair's writes, from 1.
    public var step: Int
    /// What just happened: `journalled`, `answered <side> <kind>` or `recorded <side> <kind>`.
    public var label: String

    /// Creates a point.
    public init(fulcrumId: String?, contactId: String?, step: Int, label: String) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.step = step
        self.label = label
    }
}

/// Numbers one pair's journal transitions; bound to the task applying the pair, so pairs
/// applied at the same time count independently.
final class PairCheckpoints: Sendable {
    let fulcrumId: String?
    let contactId: String?
    private let count = Mutex(0)

    init(fulcrumId: String?, contactId: String?) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
    }

    /// The pair being applied by the current task.
    @TaskLocal static var current: PairCheckpoints?

    /// The next point of this pair.
    func next(_ label: String) -> CrashPoint {
        let step = count.withLock { value in
            value += 1
            return value
        }
        return CrashPoint(fulcrumId: fulcrumId, contactId: contactId, step: step, label: label)
    }
}
