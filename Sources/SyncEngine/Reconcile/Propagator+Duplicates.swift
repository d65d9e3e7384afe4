import Foundation
import SyncCore
import SyncStore

/// GHL's duplicate rule: a create answered "This location does not allow duplicated contacts."
/// means the contact already exists; link to it and re-plan the pair instead of failing.
extension Propagator {
    func linkDuplicate(
        _ existing: String, field: String?, entry: JournalEntry, state: inout PairWrite, depth: Int, outcome: inout Outcome
    ) async throws {
        guard let fulcrumId = state.fulcrumId else { throw WriteFailure(entry: entry, message: "a duplicate needs the Fulcrum id") }
        if let other = try await store.linkedRecord(contactId: existing), other != fulcrumId {
            throw WriteFailure(entry: entry, message: "GHL refused to create a contact for Fulcrum record \(fulcrumId): it duplicates contact \(existing) (same \(field ?? "email or phone")), which is already paired with Fulcrum record \(other). Merge the two Fulcrum records or correct the \(field ?? "value"), then run again")
        }
        guard depth == 0, let contact = try await send(entry, { try await ghl.contact(id: existing) }),
            let record = try await store.record(.fulcrum, id: fulcrumId)
        else {
            throw WriteFailure(entry: entry, message: "GHL says contact \(existing) already holds this \(field ?? "email or phone"), but it could not be read back; the next run matches it")
        }
        let mirror = try self.mirror(contact, side: .ghl)
        if let refusal = planner.refusalToMerge(record, mirror.projection) {
            // GHL matches on a value alone; fgsync merges two records only by its own rules.
            throw WriteFailure(entry: entry, message: "GHL refused to create a contact for Fulcrum record \(fulcrumId): it says contact \(existing) already holds the same \(field ?? "email or phone"), but \(refusal), so fgsync will not merge them. Correct the \(field ?? "value") in one system, or link the two by hand (set the link fields), then run again")
        }
        try await settle(entry, &state, mirror: [.upsert(.ghl, mirror)], audit: [], isLast: false,
                   response: "{\"duplicateOf\":\"\(existing)\"}")
        for rest in state.open {
            try await store.failJournal(rest.id, error: "superseded: GHL contact \(existing) already existed, so the pair was re-planned as a match")
            state.settled.insert(rest.id)
        }
        outcome.duplicatesLinked += 1
        let match = planner.planMatch(fulcrum: record, ghl: mirror.projection)
        try await store.recordConflicts(match.conflicts, runId: runId)
        if let pair = match.pair { try await apply(pair, depth: depth + 1, into: &outcome) }
    }
}
