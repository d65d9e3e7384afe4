/// Integer conversions that cannot trap on hostile input (1e300, Int.max pages).
enum SafeInteger {
    /// The value as Int64 when finite and comfortably in range (±2^62), else nil.
    static func int64(_ value: Double) -> Int64? {
        guard value.isFinite, abs(value) < 4.6e18 else { return nil }
        return Int64(value.rounded(.towardZero))
    }

    /// Clamps a page number or count so arithmetic on it cannot overflow.
    static func clampCount(_ value: Int) -> Int { min(max(value, 0), 1_000_000_000) }
}
