/// The config `fgsync init` proposes for a form and a location: each Fulcrum field paired by
/// name with a GHL field of a type the loader accepts (`FieldConversion.pairing`, the one
/// matrix), the fields it could not pair with the reason, the link and tags fields.
///
/// Pure: it reads the form and the location's custom field definitions and writes text.
public struct ConfigProposal: Sendable, Hashable {
    /// One proposed `fields:` entry.
    public struct Pairing: Sendable, Hashable {
        /// The Fulcrum data_name (`address.locality` for an address part).
        public var fulcrum: String
        /// The GHL field.
        public var ghl: GHLFieldRef
        /// How the GHL field is named in the config (a standard name, or a custom field's key).
        public var ghlName: String
        /// `to_ghl` for fields Fulcrum computes; `both` otherwise.
        public var direction: SyncDirection
        /// The two types, for the comment beside the entry.
        public var types: String
    }

    /// A Fulcrum field left out, and why.
    public struct Unpaired: Sendable, Hashable {
        /// The Fulcrum data_name.
        public var fulcrum: String
        /// Why it was left out, and what would pair it.
        public var reason: String
    }

    /// Where the two systems are.
    public struct Endpoints: Sendable, Hashable {
        /// Fulcrum API origin (`nil`: the real API).
        public var fulcrumURL: String?
        /// The form id.
        public var formId: String
        /// GHL API origin (`nil`: the real API).
        public var ghlURL: String?
        /// The location id.
        public var locationId: String

        /// Creates the endpoints.
        public init(fulcrumURL: String?, formId: String, ghlURL: String?, locationId: String) {
            self.fulcrumURL = fulcrumURL
            self.formId = formId
            self.ghlURL = ghlURL
            self.locationId = locationId
        }
    }

    /// The GHL custom field that holds the Fulcrum record id, as fgsync creates it.
    public static let linkFieldName = "Fulcrum Record Id"
    /// Its key once created (GHL derives the key from the name).
    public static let linkFieldKey = "fulcrum_record_id"
    /// The hidden Fulcrum TextField that holds the GHL contactId.
    public static let fulcrumLinkField = "ghl_contact_id"

    /// Where the systems are.
    public var endpoints: Endpoints
    /// The form's name.
    public var formName: String
    /// The proposed entries.
    public var pairings: [Pairing]
    /// Fields it could not pair.
    public var unpaired: [Unpaired]
    /// The Fulcrum TextField holding the contactId, when the form has it.
    public var fulcrumLinkElement: String?
    /// The GHL custom field (key or id) holding the record id, when the location has it.
    public var ghlLinkField: String?
    /// The multiple ChoiceField for tags, when the form has one named like it.
    public var tagsField: String?

    /// Proposes a config for `form` and the location's custom field `definitions`.
    public init(form: FormDefinition, definitions: [GHLCustomField], endpoints: Endpoints) {
        self.endpoints = endpoints
        formName = form.name
        let byName = Dictionary(form.elements.values.map { (Self.normalised($0.dataName), $0) }, uniquingKeysWith: { first, _ in first })
        let link = byName[Self.normalised(Self.fulcrumLinkField)] ?? byName["ghlcontact"] ?? byName["ghlid"]
        fulcrumLinkElement = link.flatMap { $0.type == "TextField" && $0.repeatable == nil ? $0.dataName : nil }
        let tags = byName["tags"] ?? byName["tag"]
        tagsField = tags.flatMap { $0.type == "ChoiceField" && $0.multiple && $0.repeatable == nil ? $0.dataName : nil }
        let ghlLink = definitions.first { definition in
            ["fulcrumrecordid", "fulcrumid", "fulcrumrecord"].contains(Self.normalised(Self.shortKey(definition)))
                && (definition.type == .text || definition.type == .largeText)
        }
        ghlLinkField = ghlLink.map(Self.configName)
        var used: Set<GHLFieldRef> = []
        var pairings: [Pairing] = []
        var unpaired: [Unpaired] = []
        let skipped = Set([fulcrumLinkElement, tagsField].compactMap { $0 })
        // Fields named exactly as a GHL field go first, so `email` keeps `email` from `mail`.
        let ordered = form.elements.values.sorted { first, second in
            let exact = (Self.namedExactly(first, definitions), Self.namedExactly(second, definitions))
            return exact.0 != exact.1 ? exact.0 : first.dataName < second.dataName
        }
        for element in ordered where !skipped.contains(element.dataName) {
            guard ResolvedMapping.isMappable(element) else {
                if element.repeatable == nil, element.type != "Repeatable" {
                    unpaired.append(Unpaired(fulcrum: element.dataName, reason: "a \(element.type) holds no contact value"))
                }
                continue
            }
            let parts: [String?] = element.type == "AddressField" ? Self.addressParts.map(\.part) : [nil]
            for part in parts {
                let name = part.map { "\(element.dataName).\($0)" } ?? element.dataName
                let named = Self.candidates(element: element, part: part, definitions: definitions)
                    .filter { $0.ref != ghlLink.map({ GHLFieldRef.custom($0.id) }) }
                guard let candidate = named.first(where: { !used.contains($0.ref) }) else {
                    if let taken = named.first, let owner = pairings.first(where: { $0.ghl == taken.ref }) {
                        unpaired.append(Unpaired(
                            fulcrum: name,
                            reason: "the GHL field named like it (\(taken.name)) is already paired with \(owner.fulcrum); a GHL field takes one Fulcrum field, so map this one to another GHL field by hand"))
                    } else if part == nil {
                        unpaired.append(Unpaired(
                            fulcrum: name,
                            reason: "no GHL field is named like it; create a GHL custom field (\(FieldConversion.suggestedGHLTypes(for: element))) and map it here"))
                    }
                    continue
                }
                let direction: SyncDirection = FieldConversion.isReadOnlyInFulcrum(element) ? .toGHL : .both
                do {
                    let conversion = try FieldConversion.pairing(
                        element: element, part: part, ghl: candidate.ref, definition: candidate.definition, direction: direction)
                    used.insert(candidate.ref)
                    pairings.append(Pairing(
                        fulcrum: name, ghl: candidate.ref, ghlName: candidate.name, direction: direction,
                        types: "\(conversion.fulcrumType) -> \(conversion.ghlType)"))
                } catch {
                    unpaired.append(Unpaired(fulcrum: name, reason: "\(error)"))
                }
            }
        }
        self.pairings = pairings
        self.unpaired = unpaired
    }

    // MARK: - Matching by name

    /// A GHL field a Fulcrum field could map to.
    struct Candidate {
        var ref: GHLFieldRef
        var name: String
        var definition: GHLCustomField?
    }

    /// AddressField parts and the GHL standard field each pairs with.
    static let addressParts: [(part: String, ghl: String)] = [
        ("street", "address1"), ("locality", "city"), ("admin_area", "state"), ("postal_code", "postalCode"),
        ("country", "country"),
    ]

    /// Names people give fields, normalised, and the GHL standard field they mean.
    static let standardSynonyms: [String: String] = [
        "firstname": "firstName", "givenname": "firstName", "first": "firstName", "forename": "firstName",
        "lastname": "lastName", "surname": "lastName", "familyname": "lastName", "last": "lastName",
        "fullname": "name", "name": "name",
        "email": "email", "emailaddress": "email", "mail": "email",
        "phone": "phone", "phonenumber": "phone", "mobile": "phone", "mobilephone": "phone", "cell": "phone",
        "telephone": "phone", "tel": "phone",
        "company": "companyName", "companyname": "companyName", "organisation": "companyName",
        "organization": "companyName", "business": "companyName", "businessname": "companyName",
        "website": "website", "url": "website", "homepage": "website", "web": "website",
        "birthdate": "dateOfBirth", "dateofbirth": "dateOfBirth", "dob": "dateOfBirth", "birthday": "dateOfBirth",
        "address1": "address1", "streetaddress": "address1", "street": "address1",
        "city": "city", "town": "city", "state": "state", "province": "state",
        "postalcode": "postalCode", "zip": "postalCode", "zipcode": "postalCode", "postcode": "postalCode",
        "country": "country", "timezone": "timezone", "source": "source",
    ]

    /// The GHL fields named like the element (or its address part): a standard field first,
    /// then custom fields whose key or name matches its data_name or label.
    static func candidates(element: FormElement, part: String?, definitions: [GHLCustomField]) -> [Candidate] {
        if let part {
            guard let standard = addressParts.first(where: { $0.part == part })?.ghl else { return [] }
            return [Candidate(ref: .standard(standard), name: standard)]
        }
        let names = [normalised(element.dataName), normalised(element.label)].filter { !$0.isEmpty }
        var found: [Candidate] = []
        for name in names {
            if let standard = standardSynonyms[name] { found.append(Candidate(ref: .standard(standard), name: standard)) }
        }
        for definition in definitions where names.contains(normalised(shortKey(definition))) || names.contains(normalised(definition.name)) {
            found.append(Candidate(ref: .custom(definition.id), name: configName(definition), definition: definition))
        }
        return found
    }

    /// Whether the element's data_name is exactly a GHL standard field's or a custom field's key.
    static func namedExactly(_ element: FormElement, _ definitions: [GHLCustomField]) -> Bool {
        let name = normalised(element.dataName)
        return GHLFieldRef.standardFields.contains { normalised($0) == name } || definitions.contains { normalised(shortKey($0)) == name }
    }

    /// A custom field's key without `contact.`, or its id when it has no key.
    static func shortKey(_ definition: GHLCustomField) -> String {
        let key = definition.fieldKey.hasPrefix("contact.") ? String(definition.fieldKey.dropFirst("contact.".count)) : definition.fieldKey
        return key.isEmpty ? definition.name : key
    }

    /// How the config names a custom field: its short key when it has one, else its id.
    static func configName(_ definition: GHLCustomField) -> String {
        definition.fieldKey.hasPrefix("contact.") ? String(definition.fieldKey.dropFirst("contact.".count)) : definition.id
    }

    /// Lower-case letters and digits only: `First Name`, `first_name` and `firstName` are one name.
    static func normalised(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
