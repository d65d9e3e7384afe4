/// The configuration checked against the Fulcrum form (and GHL custom field definitions).
///
/// Construction fails with a message naming the key and the fix when the config refers to a
/// field the form does not have, a field inside a repeatable, or an element type that cannot
/// hold a contact value.
public struct ResolvedMapping: Sendable {
    /// The configuration.
    public let config: MappingConfig
    /// The form.
    public let form: FormDefinition
    /// The mapped fields, in configuration order.
    public let fields: [ResolvedField]
    /// The Fulcrum element holding the GHL contactId.
    public let linkElement: FormElement
    /// The Fulcrum tags ChoiceField, when tags are synced.
    public let tagsElement: FormElement?
    /// The GHL custom field id holding the Fulcrum record id.
    public let ghlLinkFieldId: String
    /// The normaliser for the configured phone region.
    public let normaliser: ValueNormaliser
    /// Notes, tasks and appointments, resolved to their repeatables (`children:`).
    public let children: ResolvedChildren

    /// Sub-fields of an AddressField that a mapping may name as `data_name.part`.
    public static let addressParts: Set<String> = [
        "street", "sub_thoroughfare", "thoroughfare", "suite", "locality", "sub_admin_area", "admin_area",
        "postal_code", "country",
    ]
    static let mappableTypes: Set<String> = [
        "TextField", "ChoiceField", "YesNoField", "DateTimeField", "DateField", "TimeField", "AddressField",
        "HyperlinkField", "BarcodeField", "CalculatedField", "CheckboxField", "ClassificationField",
    ]

    /// Resolves `config` against `form`. `ghlCustomFieldIds` maps custom field keys to ids
    /// (from `GET /locations/:id/customFields`); names not found there are taken as ids.
    /// `ghlCustomFields`, the location's definitions, add their ids and keys to those and give
    /// each custom field its type, so that a pairing the types do not support is refused here
    /// (see `FieldConversion`); a custom field without a definition converts as text.
    public init(
        config: MappingConfig, form: FormDefinition, ghlCustomFieldIds: [String: String] = [:],
        ghlCustomFields: [GHLCustomField] = []
    ) throws {
        var ghlCustomFieldIds = ghlCustomFieldIds
        for definition in ghlCustomFields {
            for name in definition.names + [definition.name] where !name.isEmpty && ghlCustomFieldIds[name] == nil {
                ghlCustomFieldIds[name] = definition.id
            }
        }
        let definitions = Dictionary(ghlCustomFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.config = config
        self.form = form
        normaliser = ValueNormaliser(phoneRegion: config.phoneRegion)
        children = try ResolvedChildren(config.children, form: form)
        func element(_ dataName: String, _ path: String) throws -> FormElement {
            guard let found = form.elements[dataName] else {
                let names = form.elements.values.filter { $0.repeatable == nil }.map(\.dataName).sorted()
                throw SyncCoreError(.invalidConfig,
                    "\(path): \"\(dataName)\" is not a field of form \"\(form.name)\"; its fields are: \(names.joined(separator: ", ")). Fix the data_name or the form")
            }
            guard found.repeatable == nil else {
                throw SyncCoreError(.invalidConfig,
                    "\(path): \"\(dataName)\" sits inside the repeatable \"\(found.repeatable ?? "")\"; only top-level (or section) fields can map to a contact field")
            }
            return found
        }
        let knownIds = Set(ghlCustomFieldIds.values)
        func customId(_ name: String, _ path: String) throws -> String {
            if let id = ghlCustomFieldIds[name] { return id }
            // Without the location's definitions a name is taken as an id; with them, a name
            // that is neither a key nor an id is a typo and would never be read or written.
            guard ghlCustomFieldIds.isEmpty || knownIds.contains(name) else {
                let keys = ghlCustomFieldIds.keys.filter { !knownIds.contains($0) }.sorted().joined(separator: ", ")
                throw SyncCoreError(.invalidConfig,
                    "\(path): \"\(name)\" is not a custom field of GHL location \(config.ghl.id); its fields are: \(keys). Fix the key or id")
            }
            return name
        }

        linkElement = try element(config.fulcrumLinkField, "link.fulcrum_field")
        guard linkElement.type == "TextField" else {
            throw SyncCoreError(.invalidConfig,
                "link.fulcrum_field: \"\(linkElement.dataName)\" is a \(linkElement.type); the contactId needs a (hidden) TextField")
        }
        if let tags = config.fulcrumTagsField {
            let found = try element(tags, "tags.fulcrum_field")
            guard found.type == "ChoiceField", found.multiple else {
                throw SyncCoreError(.invalidConfig,
                    "tags.fulcrum_field: \"\(tags)\" must be a ChoiceField with multiple: true (and allow_other for free tags); it is a \(found.type)")
            }
            tagsElement = found
        } else {
            tagsElement = nil
        }
        ghlLinkFieldId = try customId(config.ghlLinkField, "link.ghl_custom_field")
        if config.deleteMode == .archive, tagsElement == nil {
            throw SyncCoreError(.invalidConfig,
                "deletes.mode: archive tags the surviving record, which needs tags.fulcrum_field (a multiple ChoiceField); add it, or use mode: ignore")
        }
        fields = try config.fields.enumerated().map { index, mapping in
            let path = "fields[\(index)].fulcrum"
            let parts = mapping.fulcrum.split(separator: ".", maxSplits: 1).map(String.init)
            let found = try element(parts[0], path)
            var part: String?
            if parts.count == 2 {
                guard found.type == "AddressField", Self.addressParts.contains(parts[1]) else {
                    throw SyncCoreError(.invalidConfig,
                        "\(path): \"\(mapping.fulcrum)\": only an AddressField has sub-fields (\(Self.addressParts.sorted().joined(separator: ", ")))")
                }
                part = parts[1]
            } else if found.type == "AddressField" {
                throw SyncCoreError(.invalidConfig,
                    "\(path): \"\(found.dataName)\" is an AddressField; map its parts, e.g. \(found.dataName).locality to city")
            }
            guard Self.mappableTypes.contains(found.type) else {
                throw SyncCoreError(.invalidConfig,
                    "\(path): \"\(found.dataName)\" is a \(found.type), which holds no contact value; remove the entry")
            }
            var ghl = mapping.ghl
            var definition: GHLCustomField?
            if case .custom(let name) = ghl {
                let id = try customId(name, "fields[\(index)].ghl_custom_field")
                ghl = .custom(id)
                definition = definitions[id]
            }
            let conversion = try FieldConversion.resolve(
                path: "fields[\(index)]", element: found, part: part, ghl: ghl, definition: definition,
                direction: mapping.direction)
            return ResolvedField(
                mapping: mapping, element: found, addressPart: part,
                kind: mapping.kind ?? Self.inferKind(ghl: ghl, element: found, target: conversion.target),
                ghl: ghl, policy: mapping.policy ?? config.conflictPolicy, conversion: conversion)
        }
    }

    static func inferKind(ghl: GHLFieldRef, element: FormElement, target: FieldConversion.Target = .text) -> FieldKind {
        switch ghl {
        case .standard("email"): return .email
        case .standard("phone"): return .phone
        case .standard("dateOfBirth"): return .date
        default: break
        }
        switch target {
        case .email: return .email
        case .phone: return .phone
        case .date: return .date
        case .number: return .number
        case .country: return .country
        case .text, .website, .singleOption, .optionList: break
        }
        if element.type == "DateTimeField" || element.type == "DateField" { return .date }
        if element.type == "TextField" && element.numeric { return .number }
        return .text
    }

    /// A stable fingerprint of what decides values: fields, kinds, directions, link and tags fields.
    /// A base written under another fingerprint must not be trusted without `--force`.
    public var mappingHash: String {
        var text = "v1|link:\(linkElement.key)|\(ghlLinkFieldId)|tags:\(tagsElement?.key ?? "-")"
        for field in fields {
            text += "|\(field.key)=\(field.element.key).\(field.addressPart ?? ""):\(field.ghl.displayName):\(field.kind.rawValue):\(field.mapping.direction.rawValue)"
        }
        text += children.fingerprint
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
