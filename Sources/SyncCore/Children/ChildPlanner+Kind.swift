import Foundation

/// Planning the children of one kind: pairing by GHL id, the three-way table, creates, deletes.
extension ChildPlanner {
    func planKind(_ rule: Rule, into state: inout ChildPlanState) {
        let pair = state.pair
        let kind = rule.kind
        var base: [String: ChildBase] = [:]
        for entry in pair.base where entry.kind == kind && !entry.ghlId.isEmpty { base[entry.ghlId] = base[entry.ghlId] ?? entry }
        var ghl: [String: ChildItem] = [:]
        for item in pair.ghl where item.kind == kind {
            if let id = item.ghlId { ghl[id] = ghl[id] ?? item }
        }
        var linked: [String: ChildItem] = [:]
        var unlinked: [ChildItem] = []
        for item in pair.fulcrum.filter({ $0.kind == kind }).sorted(by: { ($0.fulcrumItemId ?? "") < ($1.fulcrumItemId ?? "") }) {
            guard let id = item.ghlId else { unlinked.append(item); continue }
            if let first = linked[id] {
                state.hold(kind, "Fulcrum record \(pair.fulcrumId ?? "(new)"), \(kind.configKey) item \(item.fulcrumItemId ?? "?") carries GHL \(kind.word) id \(id), as item \(first.fulcrumItemId ?? "?") does; clear its link field to sync it as a new \(kind.word), or delete the copy")
                continue
            }
            linked[id] = item
        }
        // An item without a link whose item id an agreed child names is that child: its GHL
        // create's answer was lost, and the child was found by what the create sent (`Recovery`).
        // Its id is written back, and it is diffed against what was sent, so an edit made since
        // is an update, not a second child.
        var byItem: [String: ChildBase] = [:]
        for entry in base.values.sorted(by: Self.order) where !entry.fulcrumItemId.isEmpty && entry.deletedSide == nil {
            byItem[entry.fulcrumItemId] = byItem[entry.fulcrumItemId] ?? entry
        }
        unlinked.removeAll { item in
            guard let itemId = item.fulcrumItemId, let entry = byItem[itemId], linked[entry.ghlId] == nil else { return false }
            var item = item
            item.ghlId = entry.ghlId
            linked[entry.ghlId] = item
            if ghl[entry.ghlId] != nil {
                state.add(.fulcrum, .linkChild, childId: entry.ghlId, itemId: itemId, note: "write back the GHL id of a \(kind.word) whose create was interrupted")
            }
            return true
        }
        let ids = Set(base.keys).union(linked.keys).union(ghl.keys).sorted()
        // New on GHL: link to a new Fulcrum item with the same content, else create in Fulcrum.
        for id in ids where base[id] == nil && linked[id] == nil {
            guard let g = ghl[id] else { continue }
            guard rule.direction.writes(to: .fulcrum) else { continue }
            if let index = unlinked.firstIndex(where: { Self.sameContent($0, g, rule) }) {
                let item = unlinked.remove(at: index)
                state.add(.fulcrum, .linkChild, childId: id, itemId: item.fulcrumItemId, note: "same \(kind.word) added on both sides")
                state.newBase.append(ChildBase(kind: kind, ghlId: id, fulcrumItemId: item.fulcrumItemId ?? "", fields: Self.agreed(g, rule)))
                continue
            }
            create(g, on: .fulcrum, rule: rule, into: &state)
        }
        for id in ids {
            let b = base[id]
            let f = linked[id]
            let g = ghl[id]
            switch (b, f, g) {
            case (nil, nil, _): break
            case (nil, let f?, nil):
                state.hold(kind, "Fulcrum record \(pair.fulcrumId ?? "?"), \(kind.configKey) item \(f.fulcrumItemId ?? "?") carries GHL \(kind.word) id \(id), which GHL contact \(pair.contactId ?? "?") does not list and no earlier sync knows; clear its link field to create it in GHL again, or delete the item")
            case (let b, let f?, let g?):
                merge(base: b, fulcrum: f, ghl: g, id: id, rule: rule, into: &state)
            case (let b?, nil, let g?):
                survivor(base: b, record: g, deleted: .fulcrum, rule: rule, into: &state)
            case (let b?, let f?, nil):
                survivor(base: b, record: f, deleted: .ghl, rule: rule, into: &state)
            case (_?, nil, nil):
                break  // gone on both sides: the base is dropped
            }
        }
        // New on Fulcrum: create in GHL, then write the new id back on the item.
        for item in unlinked {
            guard rule.direction.writes(to: .ghl) else {
                state.hold(kind, "Fulcrum record \(pair.fulcrumId ?? "?"), \(kind.configKey) item \(item.fulcrumItemId ?? "?") was added in Fulcrum, but \(kind.configKey) flow GHL -> Fulcrum only (rule direction); it is left alone")
                continue
            }
            create(item, on: .ghl, rule: rule, into: &state)
        }
    }

    /// Creates `source`'s partner on `target`; a GHL create is followed by writing its id back.
    func create(_ source: ChildItem, on target: Side, rule: Rule, into state: inout ChildPlanState, note: String? = nil) {
        let fields = Self.agreed(source, rule).mapValues { Optional($0) }
        if target == .fulcrum {
            state.add(.fulcrum, Self.kind(rule.kind, .create), childId: source.ghlId, itemId: nil, fields: fields, note: note)
            state.newBase.append(ChildBase(kind: rule.kind, ghlId: source.ghlId ?? "", fulcrumItemId: "", fields: Self.agreed(source, rule)))
        } else {
            state.add(.ghl, Self.kind(rule.kind, .create), childId: nil, itemId: source.fulcrumItemId, fields: fields, note: note)
            state.add(.fulcrum, .linkChild, childId: nil, itemId: source.fulcrumItemId)
            state.newBase.append(ChildBase(kind: rule.kind, ghlId: "", fulcrumItemId: source.fulcrumItemId ?? "", fields: Self.agreed(source, rule)))
        }
    }

    /// The mapped, non-empty fields of `item`.
    static func agreed(_ item: ChildItem, _ rule: Rule) -> [String: FieldValue] {
        item.fields.filter { rule.fields.contains($0.key) }
    }

    /// Whether two items hold the same values in every mapped field.
    static func sameContent(_ a: ChildItem, _ b: ChildItem, _ rule: Rule) -> Bool {
        rule.fields.allSatisfy { a.fields[$0].agrees(with: b.fields[$0]) }
    }

    /// What a child operation does, before it is named for its kind.
    enum Action { case create, update, delete }

    /// The operation kind of `action` on a child of `kind`.
    static func kind(_ kind: ChildKind, _ action: Action, fields: Set<String> = []) -> Operation.Kind {
        switch (kind, action) {
        case (.note, .create): .createNote
        case (.note, .update): .updateNote
        case (.note, .delete): .deleteNote
        case (.task, .create): .createTask
        case (.task, .update): fields == ["completed"] ? .completeTask : .updateTask
        case (.task, .delete): .deleteTask
        case (.appointment, .create), (.appointment, .update): .upsertAppointment
        case (.appointment, .delete): .deleteAppointment
        }
    }
}
