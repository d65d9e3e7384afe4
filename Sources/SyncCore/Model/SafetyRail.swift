/// A check that stops a run before it writes anything, because the plan looks destructive.
///
/// A sync that can destroy data must refuse to; `--force` overrides, explicitly.
public struct SafetyRail: Sendable, Hashable, Codable {
    /// Which rail tripped.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A side's snapshot is empty while the base holds linked pairs.
        case emptySnapshot
        /// More than `max_delete` of a side's linked records would be deleted.
        case maxDelete
        /// The mapping differs from the one the base was written with.
        case mappingChanged
    }

    /// Which rail.
    public var kind: Kind
    /// The side concerned, when the rail is about one side.
    public var side: Side?
    /// A sentence for the operator: what was seen and how to proceed.
    public var message: String

    /// Creates a tripped rail.
    public init(kind: Kind, side: Side?, message: String) {
        self.kind = kind
        self.side = side
        self.message = message
    }
}
