import SyncCore

/// The records a delta pass touched: only their pairs (and the unlinked ones among them) are
/// planned, so a pass costs what changed, not what the state file holds.
public struct PlanScope: Sendable, Hashable {
    /// Fulcrum record ids read, re-read or deleted.
    public var fulcrumIds: Set<String> = []
    /// GHL contact ids read, re-read or deleted.
    public var contactIds: Set<String> = []

    /// Creates a scope.
    public init(fulcrumIds: Set<String> = [], contactIds: Set<String> = []) {
        self.fulcrumIds = fulcrumIds
        self.contactIds = contactIds
    }

    /// Whether `record` of `side` is in scope.
    func contains(_ side: Side, _ id: String) -> Bool {
        side == .fulcrum ? fulcrumIds.contains(id) : contactIds.contains(id)
    }

    /// Adds a record of `side`.
    mutating func insert(_ side: Side, _ id: String) {
        if side == .fulcrum { fulcrumIds.insert(id) } else { contactIds.insert(id) }
    }

    /// The records of both scopes.
    func union(_ other: PlanScope) -> PlanScope {
        PlanScope(fulcrumIds: fulcrumIds.union(other.fulcrumIds), contactIds: contactIds.union(other.contactIds))
    }
}
