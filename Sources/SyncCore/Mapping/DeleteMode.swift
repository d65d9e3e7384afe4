/// What happens to the surviving record when its partner was deleted on the other side.
public enum DeleteMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Delete the survivor too (unless it changed since the base: modify beats delete).
    case propagate
    /// Keep the survivor and tag it with the archive tag.
    case archive
    /// Keep the survivor untouched.
    case ignore
}
