import SyncCore

/// The children of one pair held in memory, with what applying a child plan does to both
/// sides: the planner's property tests apply a plan here and plan again.
public struct ChildWorld: Sendable {
    /// The agreed children.
    public var base: [ChildBase]
    /// The Fulcrum record's repeatable items.
    public var fulcrum: [ChildItem]
    /// The GHL contact's children.
    public var ghl: [ChildItem]
    private var counter = 0

    /// Creates a world.
    public init(base: [ChildBase], fulcrum: [ChildItem], ghl: [ChildItem]) {
        self.base = base
        self.fulcrum = fulcrum
        self.ghl = ghl
    }

    /// The pair the planner reads.
    public func pair(fulcrumId: String? = "f1", contactId: String? = "c1") -> PairChildren {
        PairChildren(fulcrumId: fulcrumId, contactId: contactId, base: base, fulcrum: fulcrum, ghl: ghl)
    }

    /// Carries out `planned` as the propagator would: GHL writes first (a create answers with
    /// the new id), then the Fulcrum item edits, then the agreed children become the base.
    public mutating func apply(_ planned: PlannedChildren?) {
        guard let planned else { return }
        var createdGHL: [String: String] = [:]  // Fulcrum item id -> new GHL id
        var createdItems: [String: String] = [:]  // GHL id -> new Fulcrum item id
        func values(_ fields: [String: FieldValue?]) -> [String: FieldValue] { fields.compactMapValues { $0 } }
        func edit(_ item: inout ChildItem, _ fields: [String: FieldValue?]) {
            for (key, value) in fields { item.fields[key] = value }
        }
        for operation in planned.operations {
            guard let kind = operation.kind.childKind ?? (operation.kind == .linkChild ? .note : nil) else { continue }
            switch (operation.side, operation.kind) {
            case (.ghl, .createNote), (.ghl, .createTask):
                counter += 1
                let id = "g-new-\(counter)"
                createdGHL[operation.childItemId ?? ""] = id
                ghl.append(ChildItem(kind: kind, ghlId: id, fields: values(operation.fields)))
            case (.ghl, .deleteNote), (.ghl, .deleteTask):
                ghl.removeAll { $0.ghlId == operation.childId }
            case (.ghl, _):
                for index in ghl.indices where ghl[index].ghlId == operation.childId { edit(&ghl[index], operation.fields) }
            case (.fulcrum, .linkChild):
                let id = operation.childId ?? createdGHL[operation.childItemId ?? ""]
                for index in fulcrum.indices where fulcrum[index].fulcrumItemId == operation.childItemId { fulcrum[index].ghlId = id }
            case (.fulcrum, .deleteNote), (.fulcrum, .deleteTask), (.fulcrum, .deleteAppointment):
                fulcrum.removeAll { $0.fulcrumItemId == operation.childItemId }
            case (.fulcrum, .createNote) where operation.childItemId == nil, (.fulcrum, .createTask) where operation.childItemId == nil,
                (.fulcrum, .upsertAppointment) where operation.childItemId == nil:
                counter += 1
                let id = "i-new-\(counter)"
                createdItems[operation.childId ?? ""] = id
                fulcrum.append(ChildItem(kind: kind, ghlId: operation.childId, fulcrumItemId: id, fields: values(operation.fields)))
            case (.fulcrum, _):
                for index in fulcrum.indices where fulcrum[index].fulcrumItemId == operation.childItemId { edit(&fulcrum[index], operation.fields) }
            }
        }
        base = planned.newBase.map { entry in
            var entry = entry
            if entry.ghlId.isEmpty { entry.ghlId = createdGHL[entry.fulcrumItemId] ?? "" }
            if entry.fulcrumItemId.isEmpty { entry.fulcrumItemId = createdItems[entry.ghlId] ?? "" }
            return entry
        }
    }
}
