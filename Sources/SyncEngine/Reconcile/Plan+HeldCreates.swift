import SyncCore

extension Plan {
    /// The plan without the GHL creates that `Recovery` holds (a create whose answer was lost
    /// and that GHL cannot confirm or rule out yet), with the reasons among the held items.
    func holdingGHLCreates(_ held: [HeldItem]) -> Plan {
        guard !held.isEmpty else { return self }
        let ids = Set(held.compactMap(\.fulcrumId))
        var plan = self
        plan.pairs.removeAll { pair in
            guard let id = pair.fulcrumId, ids.contains(id) else { return false }
            return pair.operations.contains { $0.side == .ghl && $0.kind == .create }
        }
        plan.held = (plan.held + held).sorted {
            ($0.fulcrumId ?? "", $0.contactId ?? "", $0.field ?? "", $0.reason)
                < ($1.fulcrumId ?? "", $1.contactId ?? "", $1.field ?? "", $1.reason)
        }
        return plan
    }
}
