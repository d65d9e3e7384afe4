/// The state of one matching pass over unlinked records (see `Planner.planUnlinked`).
struct Matcher {
    let planner: Planner
    let fulcrum: [RecordState]
    let ghl: [RecordState]
    /// Records not yet paired, held or created, by id.
    var freeF: [String: RecordState]
    var freeG: [String: RecordState]
    /// Email and phone values in use, with who uses them.
    var occupied: [String: String]
    var outcomes: [PairOutcome] = []

    init(planner: Planner, fulcrum: [RecordState], ghl: [RecordState], occupied: [String: String]) {
        self.planner = planner
        self.fulcrum = fulcrum.sorted { $0.id < $1.id }
        self.ghl = ghl.sorted { $0.id < $1.id }
        freeF = Dictionary(fulcrum.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        freeG = Dictionary(ghl.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.occupied = occupied
    }

    mutating func occupy(_ values: [String], by owner: String) {
        for value in values { occupied[value] = min(occupied[value] ?? owner, owner) }
    }

    mutating func hold(_ f: [RecordState], _ g: [RecordState], field: String?, _ reason: String) {
        for record in f where freeF[record.id] != nil {
            freeF[record.id] = nil
            occupy(planner.matchValues(of: record), by: "held Fulcrum record \(record.id)")
            outcomes.append(PairOutcome(pair: nil, held: [HeldItem(fulcrumId: record.id, contactId: nil, field: field, reason: reason)]))
        }
        for record in g where freeG[record.id] != nil {
            freeG[record.id] = nil
            occupy(planner.matchValues(of: record), by: "held GHL contact \(record.id)")
            outcomes.append(PairOutcome(pair: nil, held: [HeldItem(fulcrumId: nil, contactId: record.id, field: field, reason: reason)]))
        }
    }

    mutating func pair(_ f: RecordState, _ g: RecordState) {
        freeF[f.id] = nil
        freeG[g.id] = nil
        let outcome = planner.planMatch(fulcrum: f, ghl: g)
        occupy(planner.settledMatchValues(of: outcome, fulcrum: f, ghl: g), by: "Fulcrum \(f.id) / GHL \(g.id)")
        outcomes.append(outcome)
    }

    /// Step 1: stored link ids, which both sides keep so that losing the state file loses no
    /// link. Several records claiming one partner is ambiguous: all are held, never guessed.
    mutating func matchStoredLinks(linkedFulcrumIds: Set<String>, linkedContactIds: Set<String>) {
        var consumed = Set<String>()
        let fClaims = Dictionary(grouping: fulcrum.filter { $0.linkId != nil }, by: { $0.linkId ?? "" })
        for contactId in fClaims.keys.sorted() {
            let claimants = (fClaims[contactId] ?? []).filter { freeF[$0.id] != nil }
            guard !claimants.isEmpty else { continue }
            if let g = freeG[contactId] {
                let chosen = g.linkId.flatMap { back in claimants.first { $0.id == back } }
                    ?? (g.linkId == nil && claimants.count == 1 ? claimants[0] : nil)
                consumed.insert(g.id)
                if let chosen {
                    pair(chosen, g)
                    for other in claimants where other.id != chosen.id {
                        hold([other], [], field: nil,
                             "Fulcrum record \(other.id) links to GHL contact \(g.id), which is paired with Fulcrum record \(chosen.id); clear this record's link field to sync it as a new record")
                    }
                } else {
                    let why = g.linkId.map { "but that contact links to Fulcrum record \($0)" } ?? "and fgsync will not guess which one is its partner"
                    hold(claimants, [g], field: nil,
                         "Fulcrum record(s) \(claimants.map(\.id).joined(separator: ", ")) link to GHL contact \(g.id), \(why); clear the wrong link fields")
                }
            } else if linkedContactIds.contains(contactId) || consumed.contains(contactId) {
                for record in claimants {
                    hold([record], [], field: nil,
                         "Fulcrum record \(record.id) links to GHL contact \(contactId), which is already paired with another record or held; clear its link field to sync it as a new record")
                }
            } else {
                for record in claimants {
                    hold([record], [], field: nil,
                         "Fulcrum record \(record.id) links to GHL contact \(contactId), which does not exist in GHL; clear the link field to re-create the contact, or delete the record")
                }
            }
        }
        let claimedByFulcrum = Set(fulcrum.compactMap(\.linkId))
        let gClaims = Dictionary(grouping: ghl.filter { $0.linkId != nil && freeG[$0.id] != nil }, by: { $0.linkId ?? "" })
        for fulcrumId in gClaims.keys.sorted() {
            let claimants = (gClaims[fulcrumId] ?? []).filter { freeG[$0.id] != nil }
            guard !claimants.isEmpty else { continue }
            if let f = freeF[fulcrumId], f.linkId == nil, claimants.count == 1 {
                pair(f, claimants[0])
            } else if let f = freeF[fulcrumId] {
                hold([f], claimants, field: nil,
                     "GHL contact(s) \(claimants.map(\.id).joined(separator: ", ")) link to Fulcrum record \(f.id), and fgsync will not guess which one is its partner; clear the wrong link fields")
            } else if linkedFulcrumIds.contains(fulcrumId) || fulcrum.contains(where: { $0.id == fulcrumId }) || claimedByFulcrum.contains(fulcrumId) {
                for contact in claimants {
                    hold([], [contact], field: nil,
                         "GHL contact \(contact.id) links to Fulcrum record \(fulcrumId), which is already paired with another contact or held; clear its link field to sync it as a new contact")
                }
            } else {
                for contact in claimants {
                    hold([], [contact], field: nil,
                         "GHL contact \(contact.id) links to Fulcrum record \(fulcrumId), which does not exist in Fulcrum; clear the link field to re-create the record, or delete the contact")
                }
            }
        }
    }

    /// Records with an unusable email or phone are held: matching or creating on a wrong value
    /// could pair the wrong people or duplicate them.
    mutating func holdRecordsWithIssues() {
        // A misfit holds only its field (see `FieldIssue.misfit`), not the record.
        for record in fulcrum where freeF[record.id] != nil {
            guard let issue = record.issues.first(where: { !$0.misfit }) else { continue }
            hold([record], [], field: issue.field, "Fulcrum record \(record.id), field \(issue.field): \(issue.reason); it is not matched or created until corrected")
        }
        for record in ghl where freeG[record.id] != nil {
            guard let issue = record.issues.first(where: { !$0.misfit }) else { continue }
            hold([], [record], field: issue.field, "GHL contact \(record.id), field \(issue.field): \(issue.reason); it is not matched or created until corrected")
        }
    }

    /// Steps 2 and 3: a value held by exactly one free record on each side pairs them; a value
    /// shared by more, or already in use, holds every free record that has it. Only values
    /// `isKey` accepts take part (a phone must be a valid number: see `PhoneNumberCheck`).
    /// `guardKey`, when given, is a field both records must not disagree on: a phone shared by
    /// two records whose emails are both present and differ is two people, and is held.
    mutating func matchUnique(on key: String, isKey: (String) -> Bool = { _ in true }, guardKey: String? = nil) {
        let fUsable = fulcrum.filter { record in freeF[record.id] != nil && record.fields[key].map { isKey($0.canonical) } == true }
        let gUsable = ghl.filter { record in freeG[record.id] != nil && record.fields[key].map { isKey($0.canonical) } == true }
        let fByValue = Dictionary(grouping: fUsable) { $0.fields[key]?.canonical ?? "" }
        let gByValue = Dictionary(grouping: gUsable) { $0.fields[key]?.canonical ?? "" }
        for value in Set(fByValue.keys).union(gByValue.keys).sorted() {
            let fs = (fByValue[value] ?? []).filter { freeF[$0.id] != nil }
            let gs = (gByValue[value] ?? []).filter { freeG[$0.id] != nil }
            guard !fs.isEmpty || !gs.isEmpty else { continue }
            let shown = fs.first?.fields[key]?.text ?? gs.first?.fields[key]?.text ?? value
            if let owner = occupied[value] {
                hold(fs, gs, field: key, "\(key) \"\(shown)\" already belongs to \(owner); fgsync will not create a second record for one person. Merge the duplicate or correct the \(key)")
            } else if fs.count == 1, gs.count == 1, let guardKey,
                let fGuard = fs[0].fields[guardKey], let gGuard = gs[0].fields[guardKey], !fGuard.agrees(with: gGuard)
            {
                hold(fs, gs, field: key,
                     "\(key) \"\(shown)\" is shared by Fulcrum \(fs[0].id) (\(guardKey) \(fGuard.text)) and GHL \(gs[0].id) (\(guardKey) \(gGuard.text)), "
                        + "whose \(guardKey)s differ: fgsync will not merge two people on a shared \(key). Correct the \(guardKey) if they are one person, or link them by hand (set the link fields)")
            } else if fs.count == 1, gs.count == 1 {
                pair(fs[0], gs[0])
            } else if fs.count + gs.count > 1 {
                let ids = fs.map { "Fulcrum \($0.id)" } + gs.map { "GHL \($0.id)" }
                hold(fs, gs, field: key, "\(key) \"\(shown)\" is shared by \(ids.joined(separator: ", ")); fgsync will not guess which records are the same person. Merge the duplicates or link them by hand (set the link fields)")
            }
        }
    }

    /// Step 4: whatever is left is new on its side; create its partner.
    mutating func createTheRest() {
        for f in fulcrum where freeF[f.id] != nil && planner.settings.createInGHL {
            outcomes.append(PairOutcome(pair: planner.creation(of: f, on: .ghl), held: misfits(of: f, on: .fulcrum)))
        }
        for g in ghl where freeG[g.id] != nil && planner.settings.createInFulcrum {
            outcomes.append(PairOutcome(pair: planner.creation(of: g, on: .fulcrum), held: misfits(of: g, on: .ghl)))
        }
    }

    /// The fields of a record being created elsewhere that the new partner cannot take: the
    /// partner is created without them, and each is held with its value and reason.
    func misfits(of record: RecordState, on side: Side) -> [HeldItem] {
        record.issues.filter(\.misfit).map { issue in
            HeldItem(
                fulcrumId: side == .fulcrum ? record.id : nil, contactId: side == .ghl ? record.id : nil, field: issue.field,
                reason: "\(planner.describe(side, record.id)), field \(issue.field): \(issue.reason); the new \(planner.name(side.other)) \(side == .fulcrum ? "contact" : "record") is created without it, and the field is not synced until it is corrected there")
        }
    }
}
