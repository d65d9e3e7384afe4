import Foundation

/// The source of "now" for every timestamp the store writes (runs, journal, audit, cursors).
///
/// Injected so tests can pin time and assert exact rows; production uses `StoreClock.system`.
public struct StoreClock: Sendable {
    /// Returns the current time.
    public var now: @Sendable () -> Date

    /// Creates a clock from a function returning the current time.
    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The wall clock.
    public static let system = StoreClock { Date() }

    /// A clock that always answers `date`, for tests.
    public static func fixed(_ date: Date) -> StoreClock {
        StoreClock { date }
    }
}
