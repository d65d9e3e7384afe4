/// The kinds of child item that hang off a linked pair: GHL notes, tasks and appointments,
/// each kept in a Fulcrum repeatable.
public enum ChildKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A GHL contact note (`/contacts/{id}/notes`).
    case note
    /// A GHL contact task (`/contacts/{id}/tasks`).
    case task
    /// A GHL appointment (`/contacts/{id}/appointments`), read-only: GHL -> Fulcrum only.
    case appointment

    /// How a child field's values compare and are written.
    public enum FieldType: String, Sendable, Hashable, Codable {
        /// Text, compared trimmed.
        case text
        /// An instant (a due date, a start or end time), compared in UTC, or as a date when the
        /// Fulcrum field holds only a date.
        case instant
        /// A flag (`completed`); false and absent are the same.
        case flag
    }

    /// The key under `children:` in the config.
    public var configKey: String {
        switch self {
        case .note: "notes"
        case .task: "tasks"
        case .appointment: "appointments"
        }
    }

    /// The GHL fields a mapping may name, with their types, in GHL's spelling.
    public var ghlFields: [(name: String, type: FieldType)] {
        switch self {
        case .note: [("body", .text)]
        case .task: [("title", .text), ("body", .text), ("dueDate", .instant), ("completed", .flag)]
        case .appointment:
            [("title", .text), ("startTime", .instant), ("endTime", .instant), ("status", .text), ("calendarId", .text)]
        }
    }

    /// The type of GHL field `name`, or `nil` when this kind has no such field.
    public func fieldType(_ name: String) -> FieldType? {
        ghlFields.first { $0.name == name }?.type
    }

    /// The direction used when the config names none: notes and tasks both ways, appointments
    /// GHL -> Fulcrum (the only direction they may flow).
    public var defaultDirection: SyncDirection { self == .appointment ? .toFulcrum : .both }

    /// The word people read: `note`, `task`, `appointment`.
    public var word: String { rawValue }

    /// Orders kinds as declared (notes, tasks, appointments).
    public static func < (lhs: ChildKind, rhs: ChildKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
