/// Planning a pair whose partner is gone from one side: delete, archive, ignore, or re-create.
extension Planner {
    /// `record` survives; its partner on `deleted` is missing from that side's full snapshot.
    func survivor(base: PairBase, record: RecordState, deleted: Side) -> PairOutcome {
        let side = deleted.other
        let fulcrumId = side == .fulcrum ? record.id : base.fulcrumId
        let contactId = side == .ghl ? record.id : base.contactId
        if base.deletedSide == deleted { return .none }
        // A misfit only stops its field from crossing over; it does not stop a delete.
        if let issue = record.issues.first(where: { !$0.misfit }) {
            return PairOutcome(pair: nil, held: [HeldItem(
                fulcrumId: fulcrumId, contactId: contactId, field: issue.field,
                reason: "\(describe(side, record.id)), field \(issue.field): \(issue.reason); its partner was deleted in \(name(deleted)), and nothing is deleted or re-created until the value is corrected")])
        }
        if settings.deleteMode == .propagate, changedSinceBase(record, on: side, base: base) {
            // Modify beats delete: the survivor's change wins and the partner is re-created.
            guard side == .fulcrum ? settings.createInGHL : settings.createInFulcrum else {
                return PairOutcome(pair: nil, held: [HeldItem(
                    fulcrumId: fulcrumId, contactId: contactId,
                    reason: "\(describe(side, record.id)) changed after its partner was deleted in \(name(deleted)), but creating in \(name(deleted)) is turned off (sync.create_in_\(deleted.rawValue)); delete it by hand or turn creates on")])
            }
            var created = creation(of: record, on: deleted, note: "modify beats delete: re-create the deleted partner")
            created.fulcrumId = deleted == .fulcrum ? nil : base.fulcrumId
            created.contactId = deleted == .ghl ? nil : base.contactId
            return PairOutcome(pair: created)
        }
        switch settings.deleteMode {
        case .propagate:
            // Unchanged since the base: the delete carries over.
            let operation = Operation(
                side: side, kind: .delete, fulcrumId: fulcrumId, contactId: contactId,
                note: "deleted in \(name(deleted)) and unchanged here since the last sync")
            return PairOutcome(pair: PlannedPair(
                fulcrumId: fulcrumId, contactId: contactId, operations: [operation], newBase: nil, baseChanged: true))
        case .archive, .ignore:
            var tombstone = base
            tombstone.deletedSide = deleted
            var operations: [Operation] = []
            if settings.deleteMode == .archive, settings.syncTags, !record.tags.contains(settings.archiveTag) {
                operations.append(Operation(
                    side: side, kind: .addTags, fulcrumId: fulcrumId, contactId: contactId,
                    tags: [settings.archiveTag], note: "archived: partner deleted in \(name(deleted))"))
                tombstone.tags.insert(settings.archiveTag)
            }
            return PairOutcome(pair: PlannedPair(
                fulcrumId: fulcrumId, contactId: contactId, operations: operations, newBase: tombstone, baseChanged: true))
        }
    }

    /// Whether `record` (on `side`) changed since the base in a way that would sync: a tag, or
    /// a mapped field that flows from `side`. An edit on the receiving side of a one-way field
    /// is not a change that saves the record from its partner's delete.
    func changedSinceBase(_ record: RecordState, on side: Side, base: PairBase) -> Bool {
        if settings.syncTags && record.tags.keys != base.tags.keys { return true }
        return settings.fields.contains {
            $0.direction.writes(to: side.other) && !record.fields[$0.key].agrees(with: base.fields[$0.key])
        }
    }

    /// The pair that creates `record`'s partner on `target`, with every field allowed there.
    func creation(of record: RecordState, on target: Side, note: String? = nil) -> PlannedPair {
        var fields: [String: FieldValue?] = [:]
        var agreed: [String: FieldValue] = [:]
        for rule in settings.fields {
            guard let value = record.fields[rule.key] else { continue }
            if rule.direction.writes(to: target) {
                fields[rule.key] = .some(value)
                agreed[rule.key] = value
            }
        }
        let fulcrumId = target == .ghl ? record.id : nil
        let contactId = target == .fulcrum ? record.id : nil
        let tags = settings.syncTags ? record.tags : TagSet()
        var operations = [Operation(
            side: target, kind: .create, fulcrumId: fulcrumId, contactId: contactId, fields: fields,
            tags: tags.sortedSpellings, note: note)]
        // The new record carries the survivor's id; the survivor learns the new id afterwards.
        operations.append(Operation(side: target.other, kind: .link, fulcrumId: fulcrumId, contactId: contactId))
        let base = PairBase(fulcrumId: fulcrumId ?? "", contactId: contactId ?? "", fields: agreed, tags: tags)
        return PlannedPair(fulcrumId: fulcrumId, contactId: contactId, operations: operations, newBase: base, baseChanged: true)
    }

    func name(_ side: Side) -> String { side == .fulcrum ? "Fulcrum" : "GHL" }

    func describe(_ side: Side, _ id: String) -> String {
        side == .fulcrum ? "Fulcrum record \(id)" : "GHL contact \(id)"
    }
}
