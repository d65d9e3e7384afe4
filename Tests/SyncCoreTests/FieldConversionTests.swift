import Foundation
import SyncCore
import Testing

/// Values crossing every supported pairing: the same value read from either side compares
/// equal, a value fgsync writes to one side reads back as equal, and GHL receives its own types.
struct FieldConversionTests {
    /// (mapping key, Fulcrum form value as JSON, the same value as GHL returns it, as JSON).
    static let equal: [(String, String, String)] = [
        ("employees", #""42""#, "42"),
        ("employees", #""42.0""#, #""42.00""#),
        ("revenue", #""1250.5""#, "1250.50"),
        ("nickname", #""Ada""#, #""Ada""#),
        ("bio", #""Line one\nLine two""#, #""Line one\nLine two""#),
        ("alt_phone", #""(415) 555-0101""#, #""+14155550101""#),
        ("alt_email", #""Ada@Example.com""#, #""ada@example.com""#),
        ("member_level", #"{"choice_values": ["gold"], "other_values": []}"#, #""Gold""#),
        ("contact_method", #"{"choice_values": ["phone"], "other_values": []}"#, #""phone""#),
        ("interests", #"{"choice_values": ["planes", "boats"], "other_values": []}"#, #"["Boats", "Planes"]"#),
        ("services", #"{"choice_values": ["build"], "other_values": []}"#, #"["Build"]"#),
        ("newsletter", #""yes""#, #"["Yes"]"#),
        ("newsletter", #""no""#, #"["No"]"#),
        ("vip", #""yes""#, #""Yes""#),
        ("renewal_date", #""2026-01-05""#, #""2026-01-05T00:00:00.000Z""#),
        ("renewal_date", #""2026-01-05""#, "1767571200000"),
        ("birth_date", #""1990-09-25""#, #""1990-09-25T00:00:00.000Z""#),
        ("address.street", #"{"sub_thoroughfare": "12", "thoroughfare": "Main St"}"#, #""12 Main St""#),
        ("address.country", #""United States""#, #""US""#),
        ("address.country", #""united kingdom""#, #""GB""#),
        ("homepage", #""https://example.com/ada""#, #""https://example.com/ada""#),
        ("member_since", #""2020-03-01""#, #""2020-03-01T00:00:00.000Z""#),
        ("lead_source", #"{"choice_values": ["web"], "other_values": []}"#, #""Website""#),
        ("headcount", #""120""#, "120"),
    ]

    @Test(arguments: equal)
    func aValueReadFromEitherSideIsOneValue(_ key: String, _ fulcrum: String, _ ghl: String) throws {
        let mapping = try TypedMapping.resolved()
        let f = try FulcrumProjection(mapping: mapping).project(TypedMapping.record(mapping, key, fulcrum))
        let g = try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, key, ghl))
        #expect(f.issues.isEmpty && g.issues.isEmpty, "\(f.issues + g.issues)")
        let value = try #require(f.fields[key])
        #expect(value.agrees(with: g.fields[key]), "\(key): \(value.canonical) vs \(g.fields[key]?.canonical ?? "nil")")
    }

    /// (mapping key, Fulcrum form value as JSON, the `field_value` or standard value GHL must receive, as JSON).
    static let toGHL: [(String, String, String)] = [
        ("employees", #""42.0""#, "42"),
        ("revenue", #""1250.50""#, "1250.5"),
        ("nickname", #""Ada""#, #""Ada""#),
        ("member_level", #"{"choice_values": ["silver"], "other_values": []}"#, #""Silver""#),
        ("contact_method", #"{"choice_values": ["email"], "other_values": []}"#, #""email""#),
        ("interests", #"{"choice_values": ["trains", "boats"], "other_values": []}"#, #"["Trains", "Boats"]"#),
        ("interests", #"{"choice_values": [], "other_values": ["planes"]}"#, #"["Planes"]"#),
        ("services", #"{"choice_values": ["design", "build"], "other_values": []}"#, #"["Design", "Build"]"#),
        ("newsletter", #""yes""#, #"["Yes"]"#),
        ("vip", #""no""#, #""No""#),
        ("renewal_date", #""2026-01-05""#, #""2026-01-05""#),
        ("birth_date", #""1990-09-25""#, #""1990-09-25""#),
        ("address.country", #""United States""#, #""US""#),
        ("homepage", #""https://example.com""#, #""https://example.com""#),
        ("member_since", #""03/01/2020""#, #""2020-03-01""#),
        ("score", #""7""#, "7"),
        ("category", #"{"choice_values": ["Tools", "Saws"], "other_values": []}"#, #""Tools / Saws""#),
        ("headcount", #""120""#, "120"),
    ]

    @Test(arguments: toGHL)
    func aFulcrumValueReachesGHLInGHLsTypeAndReadsBackEqual(_ key: String, _ fulcrum: String, _ sent: String) throws {
        let mapping = try TypedMapping.resolved()
        let field = try TypedMapping.field(mapping, key)
        let f = try FulcrumProjection(mapping: mapping).project(TypedMapping.record(mapping, key, fulcrum))
        let value = try #require(f.fields[key], "\(f.issues)")
        let body = try JSONSerialization.jsonObject(with: GHLWriteEncoder(mapping: mapping).updateBody(fields: [key: value])) as? [String: Any] ?? [:]
        let written: Any?
        switch field.ghl {
        case .standard(let name): written = body[name]
        case .custom(let id):
            written = (body["customFields"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["field_value"]
        }
        let expected = try TypedMapping.json(sent)
        #expect(
            try JSONSerialization.data(withJSONObject: [written as Any], options: [.sortedKeys])
                == JSONSerialization.data(withJSONObject: [expected], options: [.sortedKeys]),
            "\(key): sent \(String(describing: written))")
        let echoed = try JSONSerialization.data(withJSONObject: written as Any, options: [.fragmentsAllowed])
        let g = try GHLProjection(mapping: mapping).project(
            TypedMapping.contact(mapping, key, String(decoding: echoed, as: UTF8.self)))
        #expect(value.agrees(with: g.fields[key]), "\(key) reads back as \(g.fields[key]?.canonical ?? "nil")")
    }

    /// (mapping key, a GHL value as JSON): what fgsync writes to Fulcrum reads back equal.
    static let toFulcrum: [(String, String)] = [
        ("employees", "42"), ("revenue", "19.99"), ("member_level", #""Bronze""#), ("member_level", #""bronze""#),
        ("contact_method", #""phone""#), ("interests", #"["Planes", "Boats"]"#), ("services", #"["Build"]"#),
        ("newsletter", #"["No"]"#), ("vip", #""Yes""#), ("renewal_date", #""2026-01-05T00:00:00.000Z""#),
        ("birth_date", #""1990-09-25T00:00:00.000Z""#), ("address.street", #""12 Main St""#),
        ("address.country", #""DE""#), ("homepage", #""https://example.com""#), ("lead_source", #""Referral""#),
        ("headcount", "120"), ("alt_phone", #""+14155550101""#),
    ]

    @Test(arguments: toFulcrum)
    func aGHLValueWrittenToFulcrumReadsBackEqual(_ key: String, _ ghl: String) throws {
        let mapping = try TypedMapping.resolved()
        let g = try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, key, ghl))
        let value = try #require(g.fields[key], "\(g.issues)")
        let values = FulcrumWriteEncoder(mapping: mapping).formValues(fields: [key: value], current: [:])
        let f = try FulcrumProjection(mapping: mapping).project(["id": "f-1", "form_values": values])
        #expect(value.agrees(with: f.fields[key]), "\(key): \(value.canonical) reads back as \(f.fields[key]?.canonical ?? "nil")")
    }

    @Test func aChoiceOfCountriesAndGHLsCountryCodeAreOneValueBothWays() throws {
        let form = try FormDefinition(json: Data("""
            {"id": "form-1", "name": "Countries", "elements": [
              {"type": "ChoiceField", "key": "c1", "data_name": "home", "choices": [
                {"label": "France", "value": "fr_choice"}, {"label": "Germany", "value": "de_choice"}]},
              {"type": "TextField", "key": "l1", "data_name": "ghl_contact_id"}]}
            """.utf8))
        let config = try MappingConfig.load(yaml: """
            fulcrum: { form_id: form-1 }
            ghl: { location_id: loc-1 }
            link: { ghl_custom_field: cf-link, fulcrum_field: ghl_contact_id }
            sync: { create_in_ghl: false, create_in_fulcrum: false }
            fields:
              - { fulcrum: home, ghl: country }
            """)
        let mapping = try ResolvedMapping(config: config, form: form)
        let f = try FulcrumProjection(mapping: mapping).project(
            ["id": "f-1", "form_values": ["c1": ["choice_values": ["fr_choice"], "other_values": []]]])
        let g = try GHLProjection(mapping: mapping).project(["id": "G1", "country": "FR"])
        #expect(f.fields["home"]?.agrees(with: g.fields["home"]) == true)
        let body = try JSONSerialization.jsonObject(with: GHLWriteEncoder(mapping: mapping).updateBody(fields: ["home": f.fields["home"]])) as? [String: Any]
        #expect(body?["country"] as? String == "FR")
        let de = try GHLProjection(mapping: mapping).project(["id": "G1", "country": "DE"])
        let values = FulcrumWriteEncoder(mapping: mapping).formValues(fields: ["home": de.fields["home"]], current: [:])
        #expect((values["c1"] as? [String: Any])?["choice_values"] as? [String] == ["de_choice"])
    }

    @Test func aMultipleChoiceInAnotherOrderIsTheSameValue() throws {
        let mapping = try TypedMapping.resolved()
        let one = try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, "interests", #"["Boats", "Trains"]"#))
        let other = try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, "interests", #"["trains", "boats"]"#))
        #expect(one.fields["interests"]?.agrees(with: other.fields["interests"]) == true)
    }

    @Test func clearingAnOptionListSendsAnEmptyListAndATextFieldAnEmptyString() throws {
        let mapping = try TypedMapping.resolved()
        let body = try JSONSerialization.jsonObject(
            with: GHLWriteEncoder(mapping: mapping).updateBody(fields: ["interests": FieldValue?.none, "nickname": FieldValue?.none]))
            as? [String: Any] ?? [:]
        let custom = body["customFields"] as? [[String: Any]] ?? []
        #expect((custom.first { $0["id"] as? String == "cf-interests" }?["field_value"] as? [Any])?.isEmpty == true)
        #expect(custom.first { $0["id"] as? String == "cf-nickname" }?["field_value"] as? String == "")
    }
}
