import Foundation
import SyncCore
import Testing

struct FulcrumProjectionTests {
    func project(_ formValues: String, extra: String = "") throws -> RecordState {
        let projection = FulcrumProjection(mapping: try SharedMapping.resolved())
        return try projection.project(
            SharedMapping.object(
                #"{"id": "f-1", "updated_at": "2026-11-20T10:00:00Z", "form_values": \#(formValues)\#(extra)}"#
            ))
    }

    @Test func sectionChildrenAreReadLikeTopLevelFields() throws {
        let state = try project(#"{"f101": "Ada", "f102": "Lovelace"}"#)
        #expect(state.fields["first_name"] == FieldValue(canonical: "Ada", text: "Ada"))
        #expect(state.fields["last_name"] == FieldValue(canonical: "Lovelace", text: "Lovelace"))
    }

    @Test(arguments: [
        (#"{"choice_values": ["trade_show"], "other_values": []}"#, "Trade show"),
        (#"{"choice_values": ["web"]}"#, "Website"),
        (#"{"choice_values": [], "other_values": ["Referral"]}"#, "Referral"),
        (#"{"choice_values": ["print_ad"], "other_values": []}"#, "print_ad"),
    ])
    func choicesReadAsTheirLabelsAndOtherValuesVerbatim(_ json: String, _ text: String) throws {
        #expect(try project(#"{"f111": \#(json)}"#).fields["lead_source"]?.text == text)
    }

    @Test func anEmptyChoiceIsAbsent() throws {
        #expect(
            try project(#"{"f111": {"choice_values": [], "other_values": [""]}}"#).fields["lead_source"]
                == nil)
    }

    @Test(arguments: [("yes", "Yes"), ("no", "No"), ("maybe", "maybe")])
    func yesNoValuesReadAsTheConfiguredLabels(_ stored: String, _ label: String) throws {
        #expect(try project(#"{"f108": "\#(stored)"}"#).fields["subscribed"]?.text == label)
    }

    @Test func addressPartsAreReadFromTheAddressObject() throws {
        let state = try project(
            #"{"f107": {"locality": "Cambridge", "postal_code": "CB2 1TN", "admin_area": "Cambs"}}"#)
        #expect(state.fields["address.locality"]?.text == "Cambridge")
        #expect(state.fields["address.postal_code"]?.text == "CB2 1TN")
    }

    @Test func theStreetPartJoinsNumberAndThoroughfare() throws {
        let form = try SharedMapping.form()
        var config = try SharedMapping.config()
        config.fields = [FieldMapping(fulcrum: "address.street", ghl: .standard("address1"))]
        let projection = FulcrumProjection(mapping: try ResolvedMapping(config: config, form: form))
        let state = try projection.project(
            SharedMapping.object(
                #"{"id": "f-1", "form_values": {"f107": {"sub_thoroughfare": "12", "thoroughfare": "Downing Street"}}}"#
            ))
        #expect(state.fields["address.street"]?.text == "12 Downing Street")
    }

    @Test(arguments: [(#""12""#, "12"), (#""12.0""#, "12"), ("12", "12"), ("12.5", "12.5")])
    func numericTextFieldsCompareByValue(_ json: String, _ canonical: String) throws {
        #expect(try project(#"{"f109": \#(json)}"#).fields["employees"]?.canonical == canonical)
    }

    @Test func datesCompareAsISODays() throws {
        #expect(
            try project(#"{"f106": "1990-09-25"}"#).fields["birth_date"]
                == FieldValue(canonical: "1990-09-25", text: "1990-09-25"))
    }

    @Test func checkboxesReadAsTrueOrFalse() throws {
        let form = FormDefinition(
            id: "f", name: "Checks",
            elements: [
                FormElement(key: "c1", dataName: "consent", type: "CheckboxField"),
                FormElement(key: "l1", dataName: "ghl_contact_id", type: "TextField"),
            ])
        var config = try SharedMapping.config()
        config.fulcrumTagsField = nil
        config.fields = [FieldMapping(fulcrum: "consent", ghl: .custom("cf-consent"))]
        let projection = FulcrumProjection(mapping: try ResolvedMapping(config: config, form: form))
        let yes = try projection.project(SharedMapping.object(#"{"id": "a", "form_values": {"c1": true}}"#))
        let no = try projection.project(SharedMapping.object(#"{"id": "b", "form_values": {"c1": false}}"#))
        #expect(yes.fields["consent"]?.text == "true")
        #expect(no.fields["consent"]?.text == "false")
    }

    @Test func tagsAreChoiceLabelsAndOtherValues() throws {
        let state = try project(
            #"{"f112": {"choice_values": ["vip", "lead"], "other_values": ["Conference 2026"]}}"#)
        #expect(state.tags.sortedSpellings == ["Conference 2026", "Lead", "VIP"])
    }

    @Test func theLinkIdIsTrimmedAndBlankMeansNone() throws {
        #expect(try project(#"{"f113": " GhlAda "}"#).linkId == "GhlAda")
        #expect(try project(#"{"f113": "  "}"#).linkId == nil)
    }

    @Test func theServerUpdateTimeIsParsed() throws {
        #expect(try project("{}").updatedAt == Date(timeIntervalSince1970: 1_795_168_800))
    }

    @Test func blankAndNullValuesAreAbsent() throws {
        let state = try project(#"{"f101": "  ", "f102": null, "f105": ""}"#)
        #expect(state.fields.isEmpty)
        #expect(state.issues.isEmpty)
    }

    @Test func anInvalidEmailIsAnIssueNamingTheFieldNotAValue() throws {
        let state = try project(#"{"f103": "edsger@@example"}"#)
        #expect(state.fields["email"] == nil)
        #expect(
            state.issues == [
                FieldIssue(
                    field: "email", value: "edsger@@example",
                    reason: "\"edsger@@example\" is not a valid email address")
            ])
    }

    @Test func aRecordWithoutAnIdIsRefused() throws {
        let projection = FulcrumProjection(mapping: try SharedMapping.resolved())
        #expect(throws: SyncCoreError.self) { try projection.project(["form_values": [String: Any]()]) }
        #expect(throws: SyncCoreError.self) {
            try projection.project(["id": "", "form_values": [String: Any]()])
        }
    }
}
