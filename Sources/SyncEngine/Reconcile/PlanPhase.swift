import SyncCore
import SyncStore

/// Phase 2, reconcile: streams linked pairs from the state file through the pure planner and
/// matches the unlinked records, without holding every pair in memory.
struct PlanPhase: Sendable {
    let store: StateStore
    let planner: Planner

    func plan(force: Bool) throws -> Plan {
        var builder = PlanBuilder(settings: planner.settings)
        try store.forEachLinkedPair(batchSize: 2_000) { batch in
            for (base, fulcrum, ghl) in batch {
                builder.add(planner.planPair(base: base, fulcrum: fulcrum, ghl: ghl), linked: true)
            }
        }
        let unlinkedFulcrum = try store.unlinkedRecords(.fulcrum)
        let unlinkedGHL = try store.unlinkedRecords(.ghl)
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
            fulcrum: unlinkedFulcrum, ghl: unlinkedGHL, linkedFulcrumIds: linkedFulcrum, linkedContactIds: linkedContacts)
        {
            builder.add(outcome, linked: false)
        }
        return builder.finish(
            fulcrumCount: try store.mirrorCount(.fulcrum), ghlCount: try store.mirrorCount(.ghl),
            storedMappingHash: try store.mappingHash(), force: force)
    }
}
