/// What the child planner accumulates for one pair while it walks the kinds.
struct ChildPlanState {
    let pair: PairChildren
    var operations: [Operation] = []
    var newBase: [ChildBase] = []
    var conflicts: [Conflict] = []
    var held: [HeldItem] = []
    /// People's decisions on this pair's child conflicts, by conflict field.
    var decisions: [String: ConflictDecision] = [:]

    init(pair: PairChildren) {
        self.pair = pair
    }

    /// Adds a child operation on `side` for this pair.
    mutating func add(
        _ side: Side, _ kind: Operation.Kind, childId: String?, itemId: String?,
        fields: [String: FieldValue?] = [:], note: String? = nil
    ) {
        var operation = Operation(
            side: side, kind: kind, fulcrumId: pair.fulcrumId, contactId: pair.contactId, fields: fields, note: note)
        operation.childId = childId
        operation.childItemId = itemId
        operations.append(operation)
    }

    /// Holds a child, naming the record, the kind and what to do.
    mutating func hold(_ kind: ChildKind, field: String? = nil, _ reason: String) {
        held.append(HeldItem(fulcrumId: pair.fulcrumId, contactId: pair.contactId, field: field ?? kind.configKey, reason: reason))
    }
}
