/// A record (or pair) the planner refused to act on, and why.
///
/// Ambiguous matches, invalid values and similar cases are held rather than guessed: nothing
/// is written for them, and the reason tells an operator what to fix.
public struct HeldItem: Sendable, Hashable, Codable {
    /// The Fulcrum record id, when one is involved.
    public var fulcrumId: String?
    /// The GHL contactId, when one is involved.
    public var contactId: String?
    /// The mapping key of the field at fault, when one is.
    public var field: String?
    /// What is wrong and what to do.
    public var reason: String

    /// Creates a held item.
    public init(fulcrumId: String?, contactId: String?, field: String? = nil, reason: String) {
        self.fulcrumId = fulcrumId
        self.contactId = contactId
        self.field = field
        self.reason = reason
    }
}
