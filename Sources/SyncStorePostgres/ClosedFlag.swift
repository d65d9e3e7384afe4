import Foundation

/// Whether a store was closed; set once.
// @unchecked Sendable: `value` is only touched while holding `lock`.
final class ClosedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
