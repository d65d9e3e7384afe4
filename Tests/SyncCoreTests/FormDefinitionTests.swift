import Foundation
import SyncCore
import Testing

struct FormDefinitionTests {
    @Test func sectionChildrenAreFlatAndSectionsAreNotElements() throws {
        let form = try SharedMapping.form()
        #expect(form.id == "5cen0000-0000-4000-8000-000000000001")
        #expect(form.name == "Scenario contacts")
        #expect(form.version == 7)
        #expect(form.elements["first_name"]?.key == "f101")
        #expect(form.elements["first_name"]?.repeatable == nil)
        #expect(form.elements["person"] == nil)
    }

    @Test func elementsInsideARepeatableKeepItsName() throws {
        let form = try SharedMapping.form()
        #expect(form.elements["visit_note"]?.repeatable == "visits")
        #expect(form.elements["visits"]?.type == "Repeatable")
        #expect(form.elements["visits"]?.repeatable == nil)
    }

    @Test func choiceFieldsKeepLabelsValuesMultipleAndOther() throws {
        let tags = try #require(try SharedMapping.form().elements["tags"])
        #expect(tags.type == "ChoiceField")
        #expect(tags.multiple)
        #expect(tags.allowOther)
        #expect(tags.choices.map(\.label) == ["VIP", "Lead", "Customer"])
        #expect(tags.choices.map(\.value) == ["vip", "lead", "customer"])
        let source = try #require(try SharedMapping.form().elements["lead_source"])
        #expect(!source.multiple)
    }

    @Test func yesNoFieldsKeepTheirConfiguredChoicesWithoutADisabledNeutral() throws {
        let yesNo = try #require(try SharedMapping.form().elements["subscribed"])
        #expect(yesNo.yesNo.map(\.label) == ["Yes", "No"])
        #expect(yesNo.yesNo.map(\.value) == ["yes", "no"])
    }

    @Test func numericTextFieldsAreMarked() throws {
        let form = try SharedMapping.form()
        #expect(form.elements["employees"]?.numeric == true)
        #expect(form.elements["company_name"]?.numeric == false)
    }

    @Test func aBareFormObjectParsesLikeTheWrappedOne() throws {
        let json = """
            {"id": "f1", "name": "Bare", "elements": [
              {"type": "YesNoField", "key": "k1", "data_name": "agreed", "neutral_enabled": true,
               "positive": {"label": "Agreed", "value": "Y"}, "negative": {"label": "Refused", "value": "N"}}
            ]}
            """
        let form = try FormDefinition(json: Data(json.utf8))
        #expect(form.name == "Bare")
        #expect(form.version == nil)
        #expect(form.elements["agreed"]?.yesNo.map(\.value) == ["Y", "N", "n/a"])
        #expect(form.elements["agreed"]?.yesNo.map(\.label) == ["Agreed", "Refused", "N/A"])
    }

    @Test func aFormWithoutElementsIsRefusedAskingForTheSchema() {
        #expect {
            try FormDefinition(json: Data(#"{"form": {"id": "f1", "name": "x"}}"#.utf8), source: "form.json")
        } throws: { error in
            let error = error as? SyncCoreError
            return error?.code == .invalidSnapshot && error?.message.contains("form.json") == true
                && error?.message.contains("schema=true") == true
        }
    }

    @Test func aFormThatIsNotJSONIsRefusedNamingTheFile() {
        #expect {
            try FormDefinition(json: Data("<html>".utf8), source: "form.json")
        } throws: { error in
            let message = (error as? SyncCoreError)?.message ?? ""
            return message.hasPrefix("form.json: not JSON") && message.contains("GET /api/v2/forms/:id.json")
        }
    }
}
