import SyncCore
import SyncStore

/// Phase 2, reconcile: streams linked pairs from the state file through the pure planner and
/// matches the unlinked records, without holding every pair in memory.
struct PlanPhase: Sendable {
    let store: StateStore
    let planner: Planner

    /// Plans from the state file; `decisions` are people's decisions on open conflicts by
    /// Fulcrum id, then field.
    func plan(force: Bool, decisions: [String: [String: ConflictDecision]] = [:]) throws -> Plan {
        var builder = PlanBuilder(settings: planner.settings)
        let unlinkedFulcrum = try store.unlinkedRecords(.fulcrum)
        let unlinkedGHL = try store.unlinkedRecords(.ghl)
        // Only the emails and phones of unlinked records are looked for among the linked pairs,
        // so memory follows the number of new records, not the number of pairs.
        let wanted = Set((unlinkedFulcrum + unlinkedGHL).flatMap(planner.matchValues(of:)))
        var linkedValues: [String: String] = [:]
        try store.forEachLinkedPair(batchSize: 2_000) { batch in
            for (base, fulcrum, ghl) in batch {
                let outcome = planner.planPair(base: base, fulcrum: fulcrum, ghl: ghl, decisions: decisions[base.fulcrumId] ?? [:])
                builder.add(outcome, base: base)
                guard !wanted.isEmpty else { continue }
                for value in planner.settledMatchValues(of: outcome, fulcrum: fulcrum, ghl: ghl)
                where wanted.contains(value) {
                    let owner = "Fulcrum \(base.fulcrumId) / GHL \(base.contactId)"
                    linkedValues[value] = min(linkedValues[value] ?? owner, owner)
                }
            }
        }
        // Only the ids that unlinked records point at are looked up, not every linked id.
        var linkedFulcrum = Set<String>()
        var linkedContacts = Set<String>()
        for record in unlinkedGHL {
            if let id = record.linkId, try store.base(fulcrumId: id) != nil { linkedFulcrum.insert(id) }
        }
        for record in unlinkedFulcrum {
            if let id = record.linkId, try store.linkedRecord(contactId: id) != nil { linkedContacts.insert(id) }
        }
        for outcome in planner.planUnlinked(
            fulcrum: unlinkedFulcrum, ghl: unlinkedGHL, linkedFulcrumIds: linkedFulcrum,
            linkedContactIds: linkedContacts, linkedMatchValues: linkedValues)
        {
            builder.add(outcome, linked: false)
        }
        return builder.finish(
            fulcrumCount: try store.mirrorCount(.fulcrum), ghlCount: try store.mirrorCount(.ghl),
            storedMappingHash: try store.mappingHash(), force: force)
    }
}
