/// Child operations in the plan's JSON: fields named as the target names them (GHL's `dueDate`,
/// the repeatable's `due_date`), with the child's ids.
extension PlanDocument {
    static func childEntry(_ operation: Operation, mapping: ResolvedMapping?) -> OperationEntry {
        let kind = operation.kind.childKind.flatMap { mapping?.children.kind($0) }
        func name(_ ghl: String) -> String {
            guard operation.side == .fulcrum else { return ghl }
            return kind?.fields.first { $0.ghl == ghl }?.element.dataName ?? ghl
        }
        var entry = OperationEntry(
            side: operation.side.rawValue, kind: operation.kind.rawValue, fulcrumId: operation.fulcrumId,
            contactId: operation.contactId,
            fields: Dictionary(operation.fields.map { (name($0.key), $0.value?.text) }, uniquingKeysWith: { first, _ in first }),
            tags: operation.tags, note: operation.note)
        entry.childId = operation.childId
        entry.childItemId = operation.childItemId
        return entry
    }
}

extension Operation.Kind {
    /// The child kind a child operation writes (`nil` for a contact operation; `linkChild`
    /// names no kind, its item's repeatable is found by the item id).
    public var childKind: ChildKind? {
        switch self {
        case .createNote, .updateNote, .deleteNote: .note
        case .createTask, .updateTask, .completeTask, .deleteTask: .task
        case .upsertAppointment, .deleteAppointment: .appointment
        default: nil
        }
    }
}
