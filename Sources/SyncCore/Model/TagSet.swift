import Foundation
/// A set of tags compared case-folded, remembering each tag's original spelling.
///
/// GHL and Fulcrum users type tags with varying case; `VIP` and `vip` are one tag. The
/// spelling kept is the first one seen, and it is what gets written to the other side.
public struct TagSet: Sendable, Hashable, Codable {
    /// Folded tag to its original spelling.
    public private(set) var spellings: [String: String]

    /// Creates a set from tags in any case; blank tags are dropped.
    public init<S: Sequence>(_ tags: S) where S.Element == String {
        spellings = [:]
        for tag in tags { insert(tag) }
    }

    /// Creates an empty set.
    public init() { spellings = [:] }

    /// The case-folded keys.
    public var keys: Set<String> { Set(spellings.keys) }

    /// The original spellings, sorted by folded key for deterministic output.
    public var sortedSpellings: [String] {
        spellings.keys.sorted().compactMap { spellings[$0] }
    }

    /// Whether the set holds no tag.
    public var isEmpty: Bool { spellings.isEmpty }

    /// Whether both sets hold the same tags, however each spells them (no set is built).
    public func hasSameKeys(as other: TagSet) -> Bool {
        spellings.count == other.spellings.count && spellings.keys.allSatisfy { other.spellings[$0] != nil }
    }

    /// The number of distinct tags.
    public var count: Int { spellings.count }

    /// The fold used to compare tags: trimmed and lower-cased.
    public static func fold(_ tag: String) -> String {
        trimmed(tag).lowercased()
    }

    /// `text` without leading and trailing white space, in plain Swift (Foundation's
    /// `trimmingCharacters` costs microseconds per call on Linux, and tags are folded per pair).
    static func trimmed(_ text: String) -> Substring {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }

    /// Whether the set holds `tag`, in any case.
    public func contains(_ tag: String) -> Bool { spellings[Self.fold(tag)] != nil }

    /// Adds `tag` unless a spelling of it is already present.
    public mutating func insert(_ tag: String) {
        let key = Self.fold(tag)
        guard !key.isEmpty, spellings[key] == nil else { return }
        spellings[key] = String(Self.trimmed(tag))
    }

    /// Removes `tag`, in any case.
    public mutating func remove(_ tag: String) {
        spellings[Self.fold(tag)] = nil
    }

    /// The spelling stored for a folded key.
    public func spelling(forKey key: String) -> String? { spellings[key] }
}
