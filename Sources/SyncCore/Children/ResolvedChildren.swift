import Foundation

/// The `children:` section checked against the Fulcrum form.
///
/// Refuses, naming the key and the fix: a repeatable that does not exist (or is not a
/// Repeatable), a field that is not inside it or cannot hold the GHL value, and a link field
/// that is missing or not a hidden TextField (a visible one invites people to edit the link).
public struct ResolvedChildren: Sendable, Hashable {
    /// One child kind resolved: where its items and fields live.
    public struct Kind: Sendable, Hashable {
        /// One mapped field.
        public struct Field: Sendable, Hashable {
            /// The GHL field name.
            public var ghl: String
            /// How it compares and is written.
            public var type: ChildKind.FieldType
            /// The Fulcrum element inside the repeatable.
            public var element: FormElement
        }

        /// The configured entry.
        public var mapping: ChildMapping
        /// The Repeatable element.
        public var repeatable: FormElement
        /// The hidden TextField holding the GHL id.
        public var linkElement: FormElement
        /// The mapped fields, in the kind's field order.
        public var fields: [Field]

        /// Notes, tasks or appointments.
        public var kind: ChildKind { mapping.kind }
    }

    /// The mapped kinds, in kind order.
    public var kinds: [Kind]
    /// The GHL location's time zone.
    public var timeZone: TimeZone
    /// The share of unchanged pairs whose children a reconcile lists.
    public var sweepShare: Double

    /// The resolved kind `kind`, if mapped.
    public func kind(_ kind: ChildKind) -> Kind? { kinds.first { $0.kind == kind } }

    /// Whether any child kind is synced.
    public var isEmpty: Bool { kinds.isEmpty }

    static let elementTypes: [ChildKind.FieldType: Set<String>] = [
        .text: ["TextField", "ChoiceField"],
        .instant: ["TextField", "DateTimeField", "DateField"],
        .flag: ["YesNoField", "CheckboxField"],
    ]

    /// Resolves `config` against `form`.
    public init(_ config: ChildrenConfig, form: FormDefinition) throws {
        timeZone = TimeZone(identifier: config.timeZone) ?? TimeZone(identifier: "UTC")!
        sweepShare = config.sweepShare
        kinds = try config.mappings.sorted { $0.kind < $1.kind }.map { try Self.resolve($0, form: form) }
    }

    private static func resolve(_ mapping: ChildMapping, form: FormDefinition) throws -> Kind {
        let path = "children.\(mapping.kind.configKey)"
        guard let repeatable = form.elements[mapping.repeatable], repeatable.type == "Repeatable" else {
            let names = form.elements.values.filter { $0.type == "Repeatable" }.map(\.dataName).sorted()
            let what = form.elements[mapping.repeatable].map { "is a \($0.type), not a Repeatable" } ?? "is not a field of form \"\(form.name)\""
            throw SyncCoreError(.invalidConfig,
                "\(path).repeatable: \"\(mapping.repeatable)\" \(what); its repeatables are: \(names.isEmpty ? "(none)" : names.joined(separator: ", ")). Add a Repeatable to the form or fix the data_name")
        }
        let inside = form.repeatableElements[repeatable.dataName] ?? [:]
        func element(_ dataName: String, _ key: String) throws -> FormElement {
            guard let found = inside[dataName] else {
                throw SyncCoreError(.invalidConfig,
                    "\(path).\(key): \"\(dataName)\" is not a field inside the repeatable \"\(repeatable.dataName)\"; its fields are: \(inside.keys.sorted().joined(separator: ", ")). Add the field to the repeatable or fix the data_name")
            }
            return found
        }
        let link = try element(mapping.linkField, "link_field")
        guard link.type == "TextField", link.hidden else {
            throw SyncCoreError(.invalidConfig,
                "\(path).link_field: \"\(link.dataName)\" is \(link.type == "TextField" ? "a visible TextField" : "a \(link.type)"); the GHL \(mapping.kind.word) id needs a hidden TextField inside \(repeatable.dataName) (set hidden: true in the form builder)")
        }
        let fields = try mapping.fields.map { field -> Kind.Field in
            let found = try element(field.fulcrum, "fields.\(field.ghl)")
            let type = mapping.kind.fieldType(field.ghl) ?? .text
            let allowed = elementTypes[type] ?? []
            guard allowed.contains(found.type), !(found.type == "ChoiceField" && found.multiple) else {
                throw SyncCoreError(.invalidConfig,
                    "\(path).fields.\(field.ghl): \"\(found.dataName)\" is a \(found.type)\(found.multiple ? " (multiple)" : ""), which cannot hold the GHL \(field.ghl); use a \(allowed.sorted().joined(separator: " or "))")
            }
            return Kind.Field(ghl: field.ghl, type: type, element: found)
        }
        return Kind(mapping: mapping, repeatable: repeatable, linkElement: link, fields: fields)
    }

    /// Text for the mapping fingerprint (empty when no children are mapped, so that configs
    /// without children keep their fingerprint).
    var fingerprint: String {
        kinds.map { kind in
            "|child:\(kind.kind.rawValue)=\(kind.repeatable.key).\(kind.linkElement.key):\(kind.mapping.direction.rawValue)"
                + kind.fields.map { ",\($0.ghl)=\($0.element.key)" }.joined()
        }.joined()
    }
}
