import Foundation

/// Turns child operations into what each API takes: GHL note and task bodies, and the edited
/// `form_values` of a Fulcrum record whose repeatables change (PUT replaces the whole record,
/// so every child write of a pair goes into one edited copy of the record just read).
public struct ChildWriteEncoder: Sendable {
    /// The resolved `children:` section.
    public let children: ResolvedChildren
    private let time: ChildTime

    /// Creates an encoder.
    public init(children: ResolvedChildren) {
        self.children = children
        time = ChildTime(timeZone: children.timeZone)
    }

    // MARK: - GHL

    /// The JSON body of a GHL note or task write. A task create gets the fields GHL requires
    /// (`title`, `dueDate`, `completed`): a missing due date is `defaultDue` (ISO).
    public func ghlBody(_ operation: Operation, defaultDue: String) -> [String: Any] {
        var body: [String: Any] = [:]
        for (name, value) in operation.fields {
            switch operation.kind.childKind.flatMap({ $0.fieldType(name) }) ?? .text {
            case .text: body[name] = value?.text ?? ""
            case .flag: body[name] = value?.canonical == "true"
            case .instant: body[name] = value.map { ghlInstant($0.canonical) } ?? NSNull()
            }
        }
        if operation.kind == .createTask {
            if body["title"] == nil || (body["title"] as? String)?.isEmpty == true { body["title"] = "(untitled task)" }
            if body["dueDate"] == nil || body["dueDate"] is NSNull { body["dueDate"] = defaultDue }
            if body["completed"] == nil { body["completed"] = false }
        }
        if operation.kind == .createNote, body["body"] == nil { body["body"] = "" }
        return body
    }

    /// An instant as GHL takes it: ISO UTC; a Fulcrum date is the start of that day in the
    /// location's zone.
    func ghlInstant(_ canonical: String) -> String {
        if canonical.count == 10, let start = time.startOfDay(canonical) { return time.iso(start) }
        return canonical
    }

    // MARK: - Fulcrum

    /// Applies a pair's Fulcrum child operations to a record object read just before, and
    /// returns the record to PUT with the ids of the items it created (by GHL id).
    ///
    /// `ghlIds` gives the GHL ids that creates in this run answered with, by Fulcrum item id
    /// (for `linkChild` after a GHL create); `newItemId` chooses ids for new items; `now` is the
    /// epoch-seconds string stamped on new and changed items. An item to create that already
    /// carries the GHL id (a write repeated after a crash) is updated, not added twice.
    public func apply(
        _ operations: [Operation], to record: [String: Any], ghlIds: [String: String], newItemId: () -> String, now: String
    ) -> (record: [String: Any], created: [String: String]) {
        var record = record
        var values = record["form_values"] as? [String: Any] ?? [:]
        var created: [String: String] = [:]
        for operation in operations where operation.side == .fulcrum {
            let kinds = operation.kind.childKind.flatMap { children.kind($0) }.map { [$0] } ?? children.kinds
            for kind in kinds {
                var items = values[kind.repeatable.key] as? [[String: Any]] ?? []
                let link = kind.linkElement.key
                var index = operation.childItemId.flatMap { id in items.firstIndex { $0["id"] as? String == id } }
                switch operation.kind {
                case .linkChild:
                    guard let index, let ghlId = operation.childId ?? operation.childItemId.flatMap({ ghlIds[$0] }) else { continue }
                    var itemValues = items[index]["form_values"] as? [String: Any] ?? [:]
                    itemValues[link] = ghlId
                    items[index]["form_values"] = itemValues
                    items[index]["updated_at"] = now
                case .deleteNote, .deleteTask, .deleteAppointment:
                    guard let index else { continue }
                    items.remove(at: index)
                default:
                    if index == nil, operation.childItemId == nil, let ghlId = operation.childId {
                        index = items.firstIndex { ($0["form_values"] as? [String: Any])?[link] as? String == ghlId }
                        if index == nil {
                            let id = newItemId()
                            items.append(["id": id, "created_at": now, "updated_at": now, "form_values": [link: ghlId]])
                            index = items.count - 1
                        }
                        created[ghlId] = items[index!]["id"] as? String
                    }
                    guard let index else { continue }
                    var itemValues = items[index]["form_values"] as? [String: Any] ?? [:]
                    for (name, value) in operation.fields {
                        guard let field = kind.fields.first(where: { $0.ghl == name }) else { continue }
                        itemValues[field.element.key] = value.flatMap { fulcrumValue($0, field: field) }
                    }
                    items[index]["form_values"] = itemValues
                    items[index]["updated_at"] = now
                }
                values[kind.repeatable.key] = items
            }
        }
        record["form_values"] = values
        return (record, created)
    }

    /// One child value as the Fulcrum element stores it (fulcrum.md §3.2); `nil` clears.
    func fulcrumValue(_ value: FieldValue, field: ResolvedChildren.Kind.Field) -> Any? {
        switch field.element.type {
        case "YesNoField":
            let choices = field.element.yesNo
            return value.canonical == "true" ? (choices.first?.value ?? "yes") : (choices.dropFirst().first?.value ?? "no")
        case "CheckboxField":
            return value.canonical == "true"
        case "ChoiceField":
            let stored = field.element.choices.first { $0.label == value.text || $0.value == value.text }
            return ["choice_values": stored.map { [$0.value] } ?? [], "other_values": stored == nil ? [value.text] : []]
        default:
            return field.type == .text ? value.text : value.canonical
        }
    }
}
