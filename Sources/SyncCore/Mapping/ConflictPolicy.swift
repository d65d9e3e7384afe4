/// How a conflict (both sides changed one field to different values) is settled.
public enum ConflictPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The side with the later server update time wins; a tie goes to Fulcrum (`newest-tie`).
    case newest
    /// Fulcrum's value wins.
    case fulcrum
    /// GHL's value wins.
    case ghl
    /// Nothing is written; the conflict waits for a person.
    case manual
}
