import Foundation

/// The three-way table for one child present on both sides, and a child gone from one side.
extension ChildPlanner {
    func merge(base b: ChildBase?, fulcrum f: ChildItem, ghl g: ChildItem, id: String, rule: Rule, into state: inout ChildPlanState) {
        var toFulcrum: [String: FieldValue?] = [:]
        var toGHL: [String: FieldValue?] = [:]
        var agreed = b?.fields ?? [:]
        let pair = state.pair
        for key in rule.fields {
            let bv = b?.fields[key]
            let fv = f.fields[key]
            let gv = g.fields[key]
            if fv.agrees(with: gv) {
                agreed[key] = bv.agrees(with: fv) ? bv : fv
                continue
            }
            if fv.agrees(with: bv) {
                if rule.direction.writes(to: .fulcrum) {
                    toFulcrum[key] = .some(gv)
                    agreed[key] = gv
                }
                continue
            }
            if gv.agrees(with: bv) {
                if rule.direction.writes(to: .ghl) {
                    toGHL[key] = .some(fv)
                    agreed[key] = fv
                } else {
                    state.hold(rule.kind, field: "\(rule.kind.configKey)[\(id)].\(key)", "Fulcrum record \(pair.fulcrumId ?? "?"), \(rule.kind.configKey) item \(f.fulcrumItemId ?? "?"), \(key): edited in Fulcrum, but \(rule.kind.configKey) flow GHL -> Fulcrum only (rule direction); the edit is left alone until GHL changes the \(rule.kind.word)")
                }
                continue
            }
            let field = "\(rule.kind.configKey)[\(id)].\(key)"
            var (winner, ruleName) = resolve(rule: rule, fulcrum: f, ghl: g, pair: pair)
            func conflict(_ winner: Side?) -> Conflict {
                Conflict(
                    fulcrumId: pair.fulcrumId ?? "", contactId: pair.contactId ?? "", field: field,
                    base: bv, fulcrum: fv, ghl: gv, fulcrumUpdatedAt: f.updatedAt ?? pair.fulcrumUpdatedAt,
                    ghlUpdatedAt: g.updatedAt ?? pair.ghlUpdatedAt, winner: winner, rule: ruleName)
            }
            // A person's decision settles a conflict the policy left open (`manual`), as for a
            // contact's field: a side's value, the base, or a value typed in.
            if winner == nil, let decision = state.decisions[field] {
                ruleName = "manual-decision"
                switch decision.choice {
                case .fulcrum: winner = .fulcrum
                case .ghl: winner = .ghl
                case .base, .value:
                    let decided: FieldValue? = if case .value(let value) = decision.choice { value } else { bv }
                    if !decided.agrees(with: fv) && rule.direction.writes(to: .fulcrum) { toFulcrum[key] = .some(decided) }
                    if !decided.agrees(with: gv) && rule.direction.writes(to: .ghl) { toGHL[key] = .some(decided) }
                    agreed[key] = decided
                    state.conflicts.append(conflict(nil))
                    continue
                }
            }
            state.conflicts.append(conflict(winner))
            switch winner {
            case .fulcrum?:
                toGHL[key] = .some(fv)
                agreed[key] = fv
            case .ghl?:
                toFulcrum[key] = .some(gv)
                agreed[key] = gv
            case nil:
                break
            }
        }
        if !toGHL.isEmpty {
            state.add(.ghl, Self.kind(rule.kind, .update, fields: Set(toGHL.keys)), childId: id, itemId: f.fulcrumItemId, fields: toGHL)
        }
        if !toFulcrum.isEmpty {
            state.add(.fulcrum, Self.kind(rule.kind, .update, fields: Set(toFulcrum.keys)), childId: id, itemId: f.fulcrumItemId, fields: toFulcrum)
        }
        state.newBase.append(ChildBase(kind: rule.kind, ghlId: id, fulcrumItemId: f.fulcrumItemId ?? "", fields: agreed))
    }

    /// Who wins a child field both sides changed, and the rule's name: the source of a one-way
    /// kind (`direction`), else the policy; `newest` compares the items' times (the records'
    /// when an item has none) in whole seconds, a tie going to Fulcrum.
    func resolve(rule: Rule, fulcrum f: ChildItem, ghl g: ChildItem, pair: PairChildren) -> (Side?, String) {
        switch rule.direction {
        case .toGHL: return (.fulcrum, "direction")
        case .toFulcrum: return (.ghl, "direction")
        case .both: break
        }
        switch rule.policy {
        case .fulcrum: return (.fulcrum, "fulcrum")
        case .ghl: return (.ghl, "ghl")
        case .manual: return (nil, "manual")
        case .newest:
            let ft = (f.updatedAt ?? pair.fulcrumUpdatedAt).map { $0.timeIntervalSince1970.rounded(.down) }
            let gt = (g.updatedAt ?? pair.ghlUpdatedAt).map { $0.timeIntervalSince1970.rounded(.down) }
            switch (ft, gt) {
            case (let ft?, let gt?) where ft > gt: return (.fulcrum, "newest-record")
            case (let ft?, let gt?) where gt > ft: return (.ghl, "newest-record")
            case (nil, _?): return (.ghl, "newest-record")
            case (_?, nil): return (.fulcrum, "newest-record")
            default: return (.fulcrum, "newest-tie")
            }
        }
    }

    /// `record` survives on its side; its partner child is gone from `deleted`.
    func survivor(base b: ChildBase, record r: ChildItem, deleted: Side, rule: Rule, into state: inout ChildPlanState) {
        let side = deleted.other
        let pair = state.pair
        // Propagating the delete would write to the survivor's side, which a one-way kind may not.
        let blocked = !rule.direction.writes(to: side)
        let changed = rule.direction.writes(to: deleted)
            && rule.fields.contains { !r.fields[$0].agrees(with: b.fields[$0]) }
        let what = "\(rule.kind.word) \(b.ghlId) of Fulcrum record \(pair.fulcrumId ?? "?") / GHL contact \(pair.contactId ?? "?")"
        if b.deletedSide == deleted, !(blocked && changed) {
            state.newBase.append(b)  // tombstone: left alone, never re-created
            return
        }
        if blocked && !changed {
            var tombstone = b
            tombstone.deletedSide = deleted
            state.newBase.append(tombstone)
            state.hold(rule.kind, "the \(what) was deleted in Fulcrum, but \(rule.kind.configKey) flow GHL -> Fulcrum only (rule direction); it is left alone until GHL changes it")
            return
        }
        if changed && (blocked || deleteMode == .propagate) {
            create(r, on: deleted, rule: rule, into: &state, note: "modify beats delete: re-create the \(rule.kind.word) deleted in \(deleted == .fulcrum ? "Fulcrum" : "GHL")")
            return
        }
        switch deleteMode {
        case .propagate:
            state.add(side, Self.kind(rule.kind, .delete), childId: b.ghlId, itemId: side == .fulcrum ? r.fulcrumItemId : b.fulcrumItemId,
                      note: "deleted in \(deleted == .fulcrum ? "Fulcrum" : "GHL") and unchanged here since the last sync")
        case .archive, .ignore:
            var tombstone = b
            tombstone.deletedSide = deleted
            state.newBase.append(tombstone)
        }
    }
}
