/// How a mapped field's values are normalised for comparison.
public enum FieldKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Trimmed text, compared exactly.
    case text
    /// An email address: compared lower-cased; an invalid address is held, never written.
    case email
    /// A phone number: compared as E.164 in the default region; unparseable ones verbatim.
    case phone
    /// A calendar date, compared as `YYYY-MM-DD`.
    case date
    /// A number written as text, compared by value (`12` equals `12.0`).
    case number
    /// A country, compared as its two-letter code (`United States` equals `US`).
    case country
}
