import Foundation
import SyncCore
import Testing

/// The matrix of Fulcrum element types and GHL field types: every pairing the README lists is
/// accepted, every other one is refused when the mapping is resolved, naming both types and the
/// nearest supported choice.
struct FieldPairingTests {
    /// One Fulcrum element of each kind, as form JSON, and the mapping key naming it.
    static let fulcrum: [(name: String, key: String, element: String)] = [
        ("text", "f", #"{"type": "TextField", "key": "e1", "data_name": "f"}"#),
        ("number", "f", #"{"type": "TextField", "key": "e1", "data_name": "f", "numeric": true}"#),
        ("hyperlink", "f", #"{"type": "HyperlinkField", "key": "e1", "data_name": "f"}"#),
        ("single choice", "f", #"{"type": "ChoiceField", "key": "e1", "data_name": "f", "choices": [{"label": "A", "value": "a"}]}"#),
        ("multiple choice", "f", #"{"type": "ChoiceField", "key": "e1", "data_name": "f", "multiple": true, "choices": [{"label": "A", "value": "a"}]}"#),
        ("yes/no", "f", #"{"type": "YesNoField", "key": "e1", "data_name": "f"}"#),
        ("date", "f", #"{"type": "DateField", "key": "e1", "data_name": "f"}"#),
        ("date-time", "f", #"{"type": "DateTimeField", "key": "e1", "data_name": "f"}"#),
        ("address city", "f.locality", #"{"type": "AddressField", "key": "e1", "data_name": "f"}"#),
        ("address country", "f.country", #"{"type": "AddressField", "key": "e1", "data_name": "f"}"#),
        ("calculated", "f", #"{"type": "CalculatedField", "key": "e1", "data_name": "f"}"#),
        ("classification", "f", #"{"type": "ClassificationField", "key": "e1", "data_name": "f"}"#),
    ]

    /// One GHL field of each type: a standard field name, or a custom field's dataType.
    static let ghl: [String] = [
        "firstName", "email", "phone", "website", "dateOfBirth", "country", "source", "city",
        "TEXT", "LARGE_TEXT", "NUMERICAL", "MONETORY", "PHONE", "EMAIL", "DATE", "CHECKBOX", "SINGLE_OPTIONS",
        "MULTIPLE_OPTIONS", "RADIO", "TEXTBOX_LIST", "FILE_UPLOAD",
    ]

    /// The README's table, written out by hand: the GHL fields each Fulcrum kind pairs with.
    static let supported: [String: Set<String>] = {
        let text: Set<String> = ["firstName", "source", "city", "TEXT", "LARGE_TEXT"]
        return [
            "text": text.union(["email", "phone", "website", "dateOfBirth", "country", "NUMERICAL", "MONETORY", "PHONE", "EMAIL", "DATE"]),
            "number": text.union(["NUMERICAL", "MONETORY"]),
            "hyperlink": text.union(["website"]),
            "single choice": text.union(["SINGLE_OPTIONS", "RADIO", "country"]),
            "multiple choice": text.union(["MULTIPLE_OPTIONS", "CHECKBOX"]),
            "yes/no": text.union(["SINGLE_OPTIONS", "RADIO", "CHECKBOX", "MULTIPLE_OPTIONS"]),
            "date": text.union(["dateOfBirth", "DATE"]),
            "date-time": text.union(["dateOfBirth", "DATE"]),
            "address city": text.union(["email", "phone", "website", "dateOfBirth", "country", "NUMERICAL", "MONETORY", "PHONE", "EMAIL", "DATE"]),
            "address country": text.union(["country"]),
            "calculated": text.union(["NUMERICAL", "MONETORY", "dateOfBirth", "DATE"]),
            "classification": text,
        ]
    }()

    static var matrix: [(String, String)] { fulcrum.flatMap { f in ghl.map { (f.name, $0) } } }

    /// Resolves one pairing; returns the refusal message, or nil when accepted.
    static func resolve(_ fulcrumName: String, _ ghlName: String) throws -> String? {
        let entry = try #require(fulcrum.first { $0.name == fulcrumName })
        let form = try FormDefinition(json: Data("""
            {"id": "form-1", "name": "Pairing", "elements": [\(entry.element),
              {"type": "TextField", "key": "l1", "data_name": "ghl_contact_id"},
              {"type": "TextField", "key": "m1", "data_name": "mail"}]}
            """.utf8))
        let isStandard = ghlName.first?.isLowercase == true
        let readOnly = fulcrumName == "calculated" || fulcrumName == "classification"
        let config = try MappingConfig.load(yaml: """
            fulcrum: { form_id: form-1 }
            ghl: { location_id: loc-1 }
            link: { ghl_custom_field: cf-link, fulcrum_field: ghl_contact_id }
            sync: { create_in_ghl: false, create_in_fulcrum: false }
            fields:
              - { fulcrum: \(entry.key), \(isStandard ? "ghl: \(ghlName)" : "ghl_custom_field: cf-x")\(readOnly ? ", direction: to_ghl" : "") }
            """)
        let definitions = [
            GHLCustomField(id: "cf-link", fieldKey: "contact.link", name: "Link", dataType: "TEXT"),
            GHLCustomField(id: "cf-x", fieldKey: "contact.x", name: "X", dataType: ghlName, options: ["A", "Yes", "No"]),
        ]
        do {
            _ = try ResolvedMapping(config: config, form: form, ghlCustomFields: isStandard ? [definitions[0]] : definitions)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: matrix)
    func aPairingIsAcceptedExactlyWhenTheTableListsIt(_ fulcrumName: String, _ ghlName: String) throws {
        let refusal = try Self.resolve(fulcrumName, ghlName)
        let expected = Self.supported[fulcrumName, default: []].contains(ghlName)
        #expect((refusal == nil) == expected, "\(fulcrumName) -> \(ghlName): \(refusal ?? "accepted")")
    }

    @Test(arguments: matrix.filter { !(supported[$0.0, default: []].contains($0.1)) })
    func aRefusalNamesBothTypesAndTheNearestSupportedChoice(_ fulcrumName: String, _ ghlName: String) throws {
        let refusal = try #require(try Self.resolve(fulcrumName, ghlName))
        #expect(refusal.contains("fields[0]"))
        #expect(refusal.contains(ghlName), "names the GHL type: \(refusal)")
        #expect(refusal.contains("Field"), "names the Fulcrum type: \(refusal)")
        #expect(refusal.contains("nearest supported"), "names the nearest choice: \(refusal)")
    }

    @Test func aMultipleChoiceToASingleOptionFieldIsPointedToTheListTypes() throws {
        let refusal = try #require(try Self.resolve("multiple choice", "SINGLE_OPTIONS"))
        #expect(refusal.contains("ChoiceField (multiple)"))
        #expect(refusal.contains("SINGLE_OPTIONS"))
        #expect(refusal.contains("MULTIPLE_OPTIONS or CHECKBOX"))
    }

    @Test func aComputedFieldMustFlowOnlyToGHL() throws {
        let form = try FormDefinition(json: Data("""
            {"id": "form-1", "name": "Pairing", "elements": [
              {"type": "CalculatedField", "key": "e1", "data_name": "score"},
              {"type": "TextField", "key": "l1", "data_name": "ghl_contact_id"}]}
            """.utf8))
        let config = try MappingConfig.load(yaml: """
            fulcrum: { form_id: form-1 }
            ghl: { location_id: loc-1 }
            link: { ghl_custom_field: cf-link, fulcrum_field: ghl_contact_id }
            sync: { create_in_ghl: false, create_in_fulcrum: false }
            fields:
              - { fulcrum: score, ghl: companyName }
            """)
        #expect(throws: SyncCoreError.self) { try ResolvedMapping(config: config, form: form) }
        do {
            _ = try ResolvedMapping(config: config, form: form)
        } catch {
            #expect("\(error)".contains("direction: to_ghl"))
        }
    }

    @Test func theTypedScenarioMappingResolvesWithEveryFieldTyped() throws {
        let mapping = try TypedMapping.resolved()
        let targets = Dictionary(uniqueKeysWithValues: mapping.fields.map { ($0.key, $0.conversion.target) })
        #expect(targets["employees"] == .number)
        #expect(targets["interests"] == .optionList)
        #expect(targets["vip"] == .singleOption)
        #expect(targets["address.country"] == .country)
        #expect(targets["renewal_date"] == .date)
        #expect(mapping.fields.first { $0.key == "member_level" }?.conversion.options == ["Gold", "Silver", "Bronze"])
    }
}
