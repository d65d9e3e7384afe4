/// Matching unlinked records: stored link ids, then unique email, then unique phone.
extension Planner {
    /// Plans records that no base pairs: matches them once, explicitly, and creates partners
    /// for the rest. `linkedFulcrumIds` / `linkedContactIds` are the ids already paired by a
    /// base, so a stale link pointing at them is held rather than followed.
    public func planUnlinked(
        fulcrum: [RecordState], ghl: [RecordState],
        linkedFulcrumIds: Set<String> = [], linkedContactIds: Set<String> = []
    ) -> [PairOutcome] {
        var outcomes: [PairOutcome] = []
        var freeF = Dictionary(fulcrum.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var freeG = Dictionary(ghl.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let empty = { (f: RecordState, g: RecordState) in PairBase(fulcrumId: f.id, contactId: g.id) }

        func hold(_ f: [RecordState], _ g: [RecordState], field: String?, _ reason: String) {
            for record in f {
                freeF[record.id] = nil
                outcomes.append(PairOutcome(pair: nil, held: [HeldItem(fulcrumId: record.id, contactId: nil, field: field, reason: reason)]))
            }
            for record in g {
                freeG[record.id] = nil
                outcomes.append(PairOutcome(pair: nil, held: [HeldItem(fulcrumId: nil, contactId: record.id, field: field, reason: reason)]))
            }
        }
        func pair(_ f: RecordState, _ g: RecordState) {
            freeF[f.id] = nil
            freeG[g.id] = nil
            outcomes.append(merge(base: empty(f, g), fulcrum: f, ghl: g))
        }

        // 1. Stored link ids, which both sides keep so that losing the state file loses no link.
        for f in fulcrum.sorted(by: { $0.id < $1.id }) where freeF[f.id] != nil {
            guard let target = f.linkId else { continue }
            if let g = freeG[target] {
                if let back = g.linkId, back != f.id {
                    hold([f], [g], field: nil, "Fulcrum record \(f.id) links to GHL contact \(g.id), but that contact links to Fulcrum record \(back); clear the wrong link field")
                } else {
                    pair(f, g)
                }
            } else if linkedContactIds.contains(target) {
                hold([f], [], field: nil, "Fulcrum record \(f.id) links to GHL contact \(target), which is already paired with another record; clear its link field to sync it as a new record")
            } else {
                hold([f], [], field: nil, "Fulcrum record \(f.id) links to GHL contact \(target), which does not exist in GHL; clear the link field to re-create the contact, or delete the record")
            }
        }
        for g in ghl.sorted(by: { $0.id < $1.id }) where freeG[g.id] != nil {
            guard let target = g.linkId else { continue }
            if let f = freeF[target], f.linkId == nil || f.linkId == g.id {
                pair(f, g)
            } else if linkedFulcrumIds.contains(target) || freeF[target] != nil {
                hold([], [g], field: nil, "GHL contact \(g.id) links to Fulcrum record \(target), which is already paired with another contact; clear its link field to sync it as a new contact")
            } else {
                hold([], [g], field: nil, "GHL contact \(g.id) links to Fulcrum record \(target), which does not exist in Fulcrum; clear the link field to re-create the record, or delete the contact")
            }
        }

        // Records with an unusable email or phone are held: matching or creating on a wrong
        // value could pair the wrong people or duplicate them.
        for record in freeF.values.sorted(by: { $0.id < $1.id }) where !record.issues.isEmpty {
            hold([record], [], field: record.issues[0].field, "Fulcrum record \(record.id), field \(record.issues[0].field): \(record.issues[0].reason); it is not matched or created until corrected")
        }
        for record in freeG.values.sorted(by: { $0.id < $1.id }) where !record.issues.isEmpty {
            hold([], [record], field: record.issues[0].field, "GHL contact \(record.id), field \(record.issues[0].field): \(record.issues[0].reason); it is not matched or created until corrected")
        }

        // 2. and 3. Unique email, then unique phone. Duplicates within one side are held too:
        // creating them would trip GHL's duplicate rule or split one person in two.
        for key in [emailKey, phoneKey].compactMap({ $0 }) {
            let fByValue = Dictionary(grouping: freeF.values.filter { $0.fields[key] != nil }) { $0.fields[key]!.canonical }
            let gByValue = Dictionary(grouping: freeG.values.filter { $0.fields[key] != nil }) { $0.fields[key]!.canonical }
            for value in Set(fByValue.keys).union(gByValue.keys).sorted() {
                let fs = (fByValue[value] ?? []).sorted { $0.id < $1.id }
                let gs = (gByValue[value] ?? []).sorted { $0.id < $1.id }
                if fs.count == 1, gs.count == 1 {
                    pair(fs[0], gs[0])
                } else if fs.count + gs.count > 1 {
                    let ids = fs.map { "Fulcrum \($0.id)" } + gs.map { "GHL \($0.id)" }
                    hold(fs, gs, field: key, "\(key) \"\(fs.first?.fields[key]?.text ?? gs.first?.fields[key]?.text ?? value)\" is shared by \(ids.joined(separator: ", ")); fgsync will not guess which records are the same person. Merge the duplicates or link them by hand (set the link fields)")
                }
            }
        }

        // 4. Whatever is left is new on its side: create its partner.
        for f in freeF.values.sorted(by: { $0.id < $1.id }) where settings.createInGHL {
            outcomes.append(PairOutcome(pair: creation(of: f, on: .ghl)))
        }
        for g in freeG.values.sorted(by: { $0.id < $1.id }) where settings.createInFulcrum {
            outcomes.append(PairOutcome(pair: creation(of: g, on: .fulcrum)))
        }
        return outcomes
    }

    /// The mapping key of the email field, if one is mapped to GHL's `email`.
    var emailKey: String? { settings.matchKeys.email }

    /// The mapping key of the phone field, if one is mapped to GHL's `phone`.
    var phoneKey: String? { settings.matchKeys.phone }
}
