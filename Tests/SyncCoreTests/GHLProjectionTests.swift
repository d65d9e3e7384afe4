import Foundation
import SyncCore
import Testing

struct GHLProjectionTests {
    func project(_ json: String, ids: [String: String] = [:]) throws -> RecordState {
        let projection = GHLProjection(mapping: try SharedMapping.resolved(ghlCustomFieldIds: ids))
        return try projection.project(SharedMapping.object(json))
    }

    @Test func standardFieldsAreReadByTheirContactNames() throws {
        let state = try project(
            """
            {"id": "G1", "firstName": "Ada", "email": "Ada@Example.com", "phone": "+1 415.555.0101",
             "city": "London", "postalCode": "N1 9GU", "source": "Trade show", "dateOfBirth": "1990-09-25T00:00:00.000Z"}
            """)
        #expect(state.id == "G1")
        #expect(state.fields["first_name"]?.text == "Ada")
        #expect(state.fields["email"] == FieldValue(canonical: "ada@example.com", text: "Ada@Example.com"))
        #expect(state.fields["phone"]?.canonical == "+14155550101")
        #expect(state.fields["address.locality"]?.text == "London")
        #expect(state.fields["address.postal_code"]?.text == "N1 9GU")
        #expect(state.fields["lead_source"]?.text == "Trade show")
        #expect(state.fields["birth_date"]?.canonical == "1990-09-25")
    }

    @Test(arguments: ["value", "fieldValue", "field_value"])
    func customFieldsAreReadUnderEverySpellingOfTheirValue(_ key: String) throws {
        let state = try project(#"{"id": "G1", "customFields": [{"id": "cf-region", "\#(key)": "West"}]}"#)
        #expect(state.fields["region"]?.text == "West")
    }

    @Test func numericCustomFieldValuesCompareByValue() throws {
        let number = try project(#"{"id": "G1", "customFields": [{"id": "cf-employees", "value": 12}]}"#)
        let text = try project(#"{"id": "G2", "customFields": [{"id": "cf-employees", "value": "12.0"}]}"#)
        #expect(number.fields["employees"]?.canonical == "12")
        #expect(text.fields["employees"]?.canonical == "12")
    }

    @Test func listCustomFieldValuesAreJoined() throws {
        let state = try project(
            #"{"id": "G1", "customFields": [{"id": "cf-region", "value": ["North", "East"]}]}"#)
        #expect(state.fields["region"]?.text == "North, East")
    }

    @Test func customFieldKeysAreReadThroughTheirResolvedIds() throws {
        let state = try project(
            #"{"id": "G1", "customFields": [{"id": "Xy12", "value": "Yes"}]}"#,
            ids: [
                "cf-newsletter": "Xy12", "contact.fulcrum_record_id": "cf-fulcrum-record-id",
                "contact.employees": "cf-employees", "contact.region": "cf-region",
            ])
        #expect(state.fields["subscribed"]?.text == "Yes")
    }

    @Test func tagsAreASetFoldedByCase() throws {
        let state = try project(#"{"id": "G1", "tags": ["VIP", "vip", " Lead ", ""]}"#)
        #expect(state.tags.keys == ["vip", "lead"])
        #expect(state.tags.sortedSpellings == ["Lead", "VIP"])
    }

    @Test func theLinkIdIsTheFulcrumIdCustomField() throws {
        #expect(
            try project(
                #"{"id": "G1", "customFields": [{"id": "cf-fulcrum-record-id", "value": " f-ada "}]}"#
            ).linkId == "f-ada")
        #expect(
            try project(#"{"id": "G1", "customFields": [{"id": "cf-fulcrum-record-id", "value": ""}]}"#)
                .linkId == nil)
        #expect(try project(#"{"id": "G1"}"#).linkId == nil)
    }

    @Test func theLinkCustomFieldIsNotAMappedField() throws {
        let state = try project(
            #"{"id": "G1", "customFields": [{"id": "cf-fulcrum-record-id", "value": "f-ada"}]}"#)
        #expect(state.fields.isEmpty)
    }

    @Test func dateUpdatedIsTheServerUpdateTime() throws {
        let state = try project(
            #"{"id": "G1", "dateAdded": "2020-01-01T00:00:00.000Z", "dateUpdated": "2021-07-02T05:18:26.704Z"}"#
        )
        let seconds = try #require(state.updatedAt?.timeIntervalSince1970)
        #expect(abs(seconds - 1_625_203_106.704) < 0.0005)
    }

    @Test func blankValuesAreAbsent() throws {
        let state = try project(#"{"id": "G1", "firstName": "", "lastName": "   ", "companyName": null}"#)
        #expect(state.fields.isEmpty)
    }

    @Test func anInvalidEmailIsAnIssue() throws {
        let state = try project(#"{"id": "G1", "email": "ada(at)example.com"}"#)
        #expect(state.fields["email"] == nil)
        #expect(state.issues.map(\.field) == ["email"])
    }

    @Test func aContactWithoutAnIdIsRefused() throws {
        #expect(throws: SyncCoreError.self) { try project(#"{"firstName": "Nameless"}"#) }
    }
}
