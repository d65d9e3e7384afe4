/// How a conflict (both sides changed one field to different values) is settled.
public enum ConflictPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The side that changed the field later wins, by the best evidence per field (Fulcrum's
    /// record history, a GHL webhook, else the record's time), in whole seconds; a tie goes to
    /// Fulcrum (`newest-tie`).
    case newest
    /// Fulcrum's value wins.
    case fulcrum
    /// GHL's value wins.
    case ghl
    /// Nothing is written; the conflict waits for a person.
    case manual
}
