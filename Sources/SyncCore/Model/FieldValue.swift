/// One mapped field's value in canonical form, with the spelling it had at its source.
///
/// Comparisons use `canonical` (trimmed, emails lower-cased, phones E.164, ...), so that
/// `Bob@Example.com` and `bob@example.com` are the same value; writes use `text`, so the
/// target receives the original spelling rather than our normalisation of it.
public struct FieldValue: Sendable, Hashable, Codable {
    /// The normalised comparison key.
    public var canonical: String
    /// The original spelling, as a side-neutral string; writers turn it into native encodings.
    public var text: String

    /// Creates a value from its comparison key and original spelling.
    public init(canonical: String, text: String) {
        self.canonical = canonical
        self.text = text
    }

    /// Two values agree when their canonical forms are equal; the spelling does not matter.
    public func agrees(with other: FieldValue?) -> Bool {
        canonical == other?.canonical
    }
}

extension Optional where Wrapped == FieldValue {
    /// Canonical equality where absent equals absent (empty values are never stored).
    func agrees(with other: FieldValue?) -> Bool {
        self?.canonical == other?.canonical
    }
}
