import Foundation
import SyncCore
import SyncStore

/// Fulcrum has no optimistic locking (fulcrum.md §2.5) and a PATCH replaces an object or array
/// value whole (§2.4): tags, an address, a multiple choice are rebuilt from the record as the
/// snapshot read it. An edit made in Fulcrum after the snapshot would be overwritten, so such a
/// write first reads the record again and, when its `version` moved, re-plans the pair from the
/// fresh record instead of sending the stale body.
extension Propagator {
    /// Whether the mapped field `key` is written to Fulcrum as a value replaced whole.
    func isWholeValued(_ key: String) -> Bool {
        guard let field = mapping.fields.first(where: { $0.key == key }) else { return false }
        return field.addressPart != nil || (field.element.type == "ChoiceField" && field.element.multiple)
    }

    /// The record's raw JSON read again, when its version is still the mirror's. When it moved,
    /// the fresh record goes into the mirror, this pair's open writes are superseded, the pair
    /// is planned again and applied, and `nil` is returned.
    func freshFulcrumRecord(
        _ fulcrumId: String, head: JournalEntry, mirrored: String, state: inout PairWrite, outcome: inout Outcome
    ) async throws -> String? {
        let read = try await send(head) { try await fulcrum.record(id: fulcrumId) }
        guard let read else {
            throw WriteFailure(entry: head, message: "Fulcrum record \(fulcrumId) was deleted after the snapshot; the next run plans the delete")
        }
        let fresh = String(decoding: read.json, as: UTF8.self)
        guard Self.version(of: read.json) != Self.version(of: Data(mirrored.utf8)) else { return fresh }
        guard state.depth == 0, let base = try await store.base(fulcrumId: fulcrumId) else {
            throw WriteFailure(entry: head, message: "Fulcrum record \(fulcrumId) changed while it was being written; the next run plans it again")
        }
        let mirror = try self.mirror(read, side: .fulcrum)
        try await store.upsert(.fulcrum, [mirror])
        let agreed = Self.agreedSoFar(base, state: state)
        for rest in state.open {
            try await store.failJournal(rest.id, error: "superseded: Fulcrum record \(fulcrumId) changed after the snapshot (version \(Self.version(of: read.json).map(String.init) ?? "?")), so the pair was planned again")
            state.settled.insert(rest.id)
        }
        progress.note("Fulcrum record \(fulcrumId) changed after the snapshot; planning the pair again")
        var ghl: RecordState?
        if let contactId = state.contactId { ghl = try await store.record(.ghl, id: contactId) }
        let replanned = planner.planPair(
            base: agreed, fulcrum: mirror.projection, ghl: ghl, decisions: decisions[fulcrumId] ?? [:])
        try await store.recordConflicts(replanned.conflicts, runId: runId)
        if let pair = replanned.pair { try await apply(pair, depth: state.depth + 1, into: &outcome) }
        return nil
    }

    /// The pair's base once the writes to GHL this run already completed are counted.
    ///
    /// Each sent GHL the value the plan agreed on, so both sides held it when it was written;
    /// planning again from the old base would take our own write for a GHL edit (newer than
    /// the Fulcrum edit that moved the version) and could send it back over that edit.
    static func agreedSoFar(_ base: PairBase, state: PairWrite) -> PairBase {
        guard let planned = state.pair.newBase else { return base }
        var agreed = base
        for entry in state.entries where entry.operation.side == .ghl && state.settled.contains(entry.id) {
            for key in entry.operation.fields.keys { agreed.fields[key] = planned.fields[key] }
            switch entry.operation.kind {
            case .addTags: entry.operation.tags.forEach { agreed.tags.insert($0) }
            case .removeTags: entry.operation.tags.forEach { agreed.tags.remove($0) }
            default: break
            }
        }
        return agreed
    }

    /// The `version` of a record's JSON.
    static func version(of json: Data) -> Int? {
        ((try? JSONSerialization.jsonObject(with: json)) as? [String: Any])?["version"] as? Int
    }
}
