import Foundation

/// Reduces child items to canonical `ChildItem`s: the items of a Fulcrum record's repeatables,
/// and GHL notes, tasks and appointments as their endpoints return them (ghl.md §4.11-4.13).
///
/// Values compare by the child field's type (`ChildKind.FieldType`): text trimmed; instants in
/// UTC, or as the location's date when the Fulcrum field holds only a date; flags as `true` or
/// absent. The original spelling of text is kept as the value's text; times are written in
/// their canonical spelling.
public struct ChildProjection: Sendable {
    /// The resolved `children:` section.
    public let children: ResolvedChildren
    /// Time conversion in the location's zone.
    public let time: ChildTime

    /// Creates a projection.
    public init(children: ResolvedChildren) {
        self.children = children
        time = ChildTime(timeZone: children.timeZone)
    }

    /// The items of every mapped repeatable of a Fulcrum record object (unreadable items are skipped).
    public func fulcrumItems(of record: [String: Any]) -> [ChildItem] {
        let values = record["form_values"] as? [String: Any] ?? [:]
        var result: [ChildItem] = []
        for kind in children.kinds {
            for case let item as [String: Any] in values[kind.repeatable.key] as? [Any] ?? [] {
                guard let itemId = item["id"] as? String, !itemId.isEmpty else { continue }
                let itemValues = item["form_values"] as? [String: Any] ?? [:]
                let link = (itemValues[kind.linkElement.key] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
                var child = ChildItem(kind: kind.kind, ghlId: link?.isEmpty == false ? link : nil, fulcrumItemId: itemId)
                for field in kind.fields {
                    guard let text = fulcrumText(itemValues[field.element.key], element: field.element) else { continue }
                    child.fields[field.ghl] = value(text, field: field)
                }
                child.fields = child.fields.compactMapValues { $0 }
                child.updatedAt = Self.epoch(item["updated_at"])
                result.append(child)
            }
        }
        return result
    }

    /// A GHL note, task or appointment object (`{"id", "body", ...}`) as a child of `kind`;
    /// `nil` when the kind is not mapped or the object has no id.
    public func ghlItem(_ object: [String: Any], kind: ChildKind) -> ChildItem? {
        guard let resolved = children.kind(kind), let id = object["id"] as? String, !id.isEmpty else { return nil }
        var child = ChildItem(kind: kind, ghlId: id)
        for field in resolved.fields {
            var raw = object[field.ghl]
            if kind == .appointment, field.ghl == "status" { raw = object["appointmentStatus"] ?? object["status"] }
            let text: String?
            switch raw {
            case let string as String: text = string
            case let flag as Bool: text = flag ? "true" : "false"
            case let number as NSNumber: text = number.stringValue
            default: text = nil
            }
            guard let text, let value = value(text, field: field) else { continue }
            child.fields[field.ghl] = value
        }
        child.updatedAt = (object["dateUpdated"] as? String).flatMap(time.instant)
        return child
    }

    /// The canonical value of GHL field `field` of a child of `kind`, as either side spells
    /// it; `nil` when empty, or when the kind or field is not mapped.
    public func canonical(_ text: String, kind: ChildKind, field: String) -> FieldValue? {
        guard let resolved = children.kind(kind)?.fields.first(where: { $0.ghl == field }) else { return nil }
        return value(text, field: resolved)
    }

    /// The canonical value of one child field as text from either side; `nil` when empty.
    func value(_ text: String, field: ResolvedChildren.Kind.Field) -> FieldValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch field.type {
        case .text:
            return FieldValue(canonical: trimmed, text: text)
        case .instant:
            let dateOnly = field.element.type == "DateField" || field.element.type == "DateTimeField"
            // Both sides spell times differently anyway: the canonical spelling is what is written.
            let canonical = time.canonical(trimmed, dateOnly: dateOnly)
            return FieldValue(canonical: canonical, text: canonical)
        case .flag:
            return ["true", "yes", "1"].contains(trimmed.lowercased()) ? FieldValue(canonical: "true", text: "true") : nil
        }
    }

    /// A repeatable item's form value as text, by its element type (fulcrum.md §3.2).
    func fulcrumText(_ value: Any?, element: FormElement) -> String? {
        switch element.type {
        case "YesNoField":
            guard let stored = value as? String else { return nil }
            let positive = element.yesNo.first?.value ?? "yes"
            return stored == positive ? "true" : "false"
        case "CheckboxField":
            return (value as? Bool).map { $0 ? "true" : "false" }
        case "ChoiceField":
            guard let choice = value as? [String: Any] else { return value as? String }
            let stored = ((choice["choice_values"] as? [String]) ?? []) + ((choice["other_values"] as? [String]) ?? [])
            return stored.first.map { first in element.choices.first { $0.value == first }?.label ?? first }
        default:
            return value as? String
        }
    }

    /// A repeatable item's epoch-seconds string (`"1449108890.000"`) as a date.
    static func epoch(_ value: Any?) -> Date? {
        if let text = value as? String, let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        return (value as? String).flatMap(Timestamp.parse)
    }
}
