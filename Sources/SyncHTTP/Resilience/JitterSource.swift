import Foundation

/// A source of uniform random numbers in `[0, 1)` for backoff jitter.
///
/// Injected so tests can seed it and assert exact delays.
public protocol JitterSource: Sendable {
    /// The next value, uniform in `[0, 1)`.
    func nextUnit() -> Double
}

/// The system's random generator.
public struct SystemJitter: JitterSource {
    /// Creates the source.
    public init() {}

    /// A value from `SystemRandomNumberGenerator`.
    public func nextUnit() -> Double {
        Double.random(in: 0..<1)
    }
}

/// A seeded SplitMix64 generator: the same seed gives the same jitter sequence.
public final class SeededJitter: JitterSource, @unchecked Sendable {
    // @unchecked: `state` is only read and written under `lock`.
    private var state: UInt64
    private let lock = NSLock()

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next value of the sequence, uniform in `[0, 1)`.
    public func nextUnit() -> Double {
        lock.lock()
        defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
