import Foundation

/// A deterministic random source (SplitMix64) for ids and fault injection.
///
/// Seeded per simulator so a test run produces the same ids and the same injected faults every
/// time. Guarded by a lock because request handlers call it concurrently.
public final class SeededRandom: @unchecked Sendable {
    // @unchecked: `state` is only touched under `lock`.
    private let lock = NSLock()
    private var state: UInt64

    /// Creates a generator with the given seed.
    public init(seed: UInt64) { self.state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// Next 64 random bits.
    public func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform double in [0, 1).
    public func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Random string over an alphabet.
    func string(
        length: Int, alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    ) -> String {
        let chars = Array(alphabet)
        return String((0..<length).map { _ in chars[Int(next() % UInt64(chars.count))] })
    }

    /// A lowercase UUID v4 string.
    func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var out = ""
        for index in 0..<32 {
            var nibble = Int(next() % 16)
            if index == 12 { nibble = 4 }
            if index == 16 { nibble = 8 + nibble % 4 }
            out.append(hex[nibble])
            if [7, 11, 15, 19].contains(index) { out.append("-") }
        }
        return out
    }
}
