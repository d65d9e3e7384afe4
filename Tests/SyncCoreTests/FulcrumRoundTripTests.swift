import Foundation
import SyncCore
import Testing

/// DESIGN.md: "Our own writes must not echo back as changes: the base makes them no-ops". A value
/// the planner writes to Fulcrum (and records in the base) must read back, through Fulcrum's
/// encoding and the projection, as the same canonical value; otherwise the next run sees a
/// Fulcrum "change" and writes it back to GHL.
struct FulcrumRoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var key: String
        var written: String
        var testDescription: String { "\(key) = \"\(written)\"" }
    }

    static let cases: [Case] = [
        Case(key: "first_name", written: "Ada"),
        Case(key: "email", written: "Ada@Example.com"),
        Case(key: "phone", written: "+1 415.555.0101"),
        Case(key: "birth_date", written: "1990-09-25T00:00:00.000Z"),
        Case(key: "address.locality", written: "London"),
        Case(key: "address.postal_code", written: "N1 9GU"),
        Case(key: "employees", written: "12.0"),
        Case(key: "subscribed", written: "Yes"),
        Case(key: "subscribed", written: "No"),
        Case(key: "subscribed", written: "yes"),
        Case(key: "subscribed", written: "NO"),
        Case(key: "lead_source", written: "Trade show"),
        Case(key: "lead_source", written: "trade show"),
        Case(key: "lead_source", written: "web"),
        Case(key: "lead_source", written: "Referral"),
    ]

    @Test(arguments: cases)
    func aValueWrittenToFulcrumReadsBackAsTheSameCanonicalValue(_ c: Case) throws {
        let mapping = try SharedMapping.resolved()
        let field = try #require(mapping.fields.first { $0.key == c.key })
        guard case .value(let value) = mapping.normalise(c.written, for: field) else {
            Issue.record("\(c.written) is not a value")
            return
        }
        let formValues = FulcrumWriteEncoder(mapping: mapping).formValues(
            fields: [c.key: value], current: [:])
        let record: [String: Any] = ["id": "f-1", "form_values": formValues]
        let readBack = try FulcrumProjection(mapping: mapping).project(record).fields[c.key]
        #expect(
            readBack?.canonical == value.canonical,
            "written \(value.canonical), read back \(readBack?.canonical ?? "nothing")")
    }

    @Test(arguments: ["yes", "true", "1", "false"])
    func aCheckboxValueWrittenToFulcrumReadsBackAsTheSameCanonicalValue(_ written: String) throws {
        let form = FormDefinition(
            id: "f", name: "Checks",
            elements: [
                FormElement(key: "c1", dataName: "consent", type: "CheckboxField"),
                FormElement(key: "l1", dataName: "ghl_contact_id", type: "TextField"),
            ])
        var config = try SharedMapping.config()
        config.fulcrumTagsField = nil
        config.fields = [FieldMapping(fulcrum: "consent", ghl: .custom("cf-consent"))]
        let mapping = try ResolvedMapping(config: config, form: form)
        guard case .value(let value) = mapping.normalise(written, for: mapping.fields[0]) else {
            Issue.record("\(written) is not a value")
            return
        }
        let formValues = FulcrumWriteEncoder(mapping: mapping).formValues(
            fields: ["consent": value], current: [:])
        let readBack = try FulcrumProjection(mapping: mapping).project([
            "id": "f-1", "form_values": formValues,
        ]).fields["consent"]
        #expect(
            readBack?.canonical == value.canonical,
            "written \(written), read back \(readBack?.canonical ?? "nothing")")
    }

    @Test func aYesNoValueTypedInGHLDoesNotEchoBackOnTheNextRun() throws {
        let mapping = try SharedMapping.resolved()
        let planner = Planner(settings: PlannerSettings(mapping: mapping))
        let fulcrum = FulcrumProjection(mapping: mapping)
        let ghl = GHLProjection(mapping: mapping)
        let field = try #require(mapping.fields.first { $0.key == "subscribed" })
        guard case .value(let yes) = mapping.normalise("Yes", for: field) else {
            Issue.record("Yes is not a value")
            return
        }
        let base = PairBase(fulcrumId: "f-1", contactId: "G1", fields: ["subscribed": yes])
        var formValues: [String: Any] = ["f108": "yes", "f113": "G1"]
        let contact: [String: Any] = [
            "id": "G1",
            "customFields": [
                ["id": "cf-newsletter", "value": "no"], ["id": "cf-fulcrum-record-id", "value": "f-1"],
            ],
        ]
        // Run 1: GHL typed "no"; Fulcrum still "Yes" (as the base): write GHL's value to Fulcrum.
        let first = planner.planPair(
            base: base, fulcrum: try fulcrum.project(["id": "f-1", "form_values": formValues]),
            ghl: try ghl.project(contact))
        let update = try #require(first.pair?.operations.first { $0.side == .fulcrum && $0.kind == .update })
        for (key, value) in FulcrumWriteEncoder(mapping: mapping).formValues(
            fields: update.fields, current: formValues)
        {
            formValues[key] = value
        }
        // Run 2: nothing changed anywhere since run 1's writes.
        let second = planner.planPair(
            base: try #require(first.pair?.newBase),
            fulcrum: try fulcrum.project(["id": "f-1", "form_values": formValues]),
            ghl: try ghl.project(contact))
        #expect(
            second.pair?.operations ?? [] == [], "our own write echoed back: \(second.pair?.operations ?? [])"
        )
    }
}

/// A multiple choice whose label holds ", " (issue 10, item 7): the text joins choices with
/// ", ", so the label must not be cut into two free-text values on the way in or out.
struct MultipleChoiceCommaTests {
    static func mapping() throws -> ResolvedMapping {
        let form = try FormDefinition(
            json: Data(
                """
                {"id": "f", "name": "Suppliers", "elements": [
                  {"type": "ChoiceField", "key": "s1", "data_name": "suppliers", "multiple": true, "allow_other": true,
                   "choices": [{"label": "Smith, Jones & Co", "value": "sjc"}, {"label": "Boats", "value": "boats"}]},
                  {"type": "TextField", "key": "l1", "data_name": "ghl_contact_id"}
                ]}
                """.utf8))
        var config = try SharedMapping.config()
        config.fulcrumTagsField = nil
        config.fields = [FieldMapping(fulcrum: "suppliers", ghl: .custom("cf-suppliers"))]
        return try ResolvedMapping(config: config, form: form)
    }

    @Test func aChoiceLabelWithACommaReadsAsThatOneChoice() throws {
        let mapping = try Self.mapping()
        let record: [String: Any] = ["id": "f-1", "form_values": ["s1": ["choice_values": ["sjc", "boats"], "other_values": []]]]

        let value = try FulcrumProjection(mapping: mapping).project(record).fields["suppliers"]

        #expect(value?.canonical == "choice:boats\u{1F}choice:sjc")
        #expect(value?.text == "Smith, Jones & Co, Boats")
    }

    @Test func aChoiceLabelWithACommaIsWrittenBackAsThatChoiceValue() throws {
        let mapping = try Self.mapping()
        let record: [String: Any] = ["id": "f-1", "form_values": ["s1": ["choice_values": ["sjc", "boats"], "other_values": []]]]
        let value = try #require(try FulcrumProjection(mapping: mapping).project(record).fields["suppliers"])

        let written = FulcrumWriteEncoder(mapping: mapping).formValues(fields: ["suppliers": value], current: [:])

        let choice = try #require(written["s1"] as? [String: Any])
        #expect(choice["choice_values"] as? [String] == ["sjc", "boats"])
        #expect(choice["other_values"] as? [String] == [])
    }

    @Test func freeTextBesideACommaLabelStaysFreeText() throws {
        let mapping = try Self.mapping()
        guard case .value(let value) = mapping.normalise("Planes, smith, jones & co", for: mapping.fields[0]) else {
            Issue.record("not a value")
            return
        }

        #expect(value.canonical == "choice:sjc\u{1F}other:planes")
    }
}
