/// One of the two systems fgsync keeps in sync.
///
/// Operations, conflicts and deletes name the side they concern; the raw values are the
/// spellings used in plan JSON and reports.
public enum Side: String, Sendable, Hashable, Codable, CaseIterable {
    /// The Fulcrum form's records.
    case fulcrum
    /// The GoHighLevel location's contacts.
    case ghl

    /// The other side.
    public var other: Side { self == .fulcrum ? .ghl : .fulcrum }
}
