import Foundation
import SyncCore
import Testing

/// `fgsync init`'s proposal: a pairing is proposed exactly when the config loader accepts it
/// (one matrix), and what it cannot pair is listed with the reason.
struct ConfigProposalTests {
    static let endpoints = ConfigProposal.Endpoints(fulcrumURL: "http://127.0.0.1:1", formId: "form-1", ghlURL: nil, locationId: "loc-1")

    /// A form with email, the link field and `extra` elements, as Fulcrum's API sends it.
    static func form(_ extra: [[String: Any]]) throws -> FormDefinition {
        let elements: [[String: Any]] = [
            ["key": "a1", "data_name": "email", "type": "TextField"],
            ["key": "a2", "data_name": "ghl_contact_id", "type": "TextField"],
        ] + extra
        return try FormDefinition(json: JSONSerialization.data(withJSONObject: ["form": ["id": "form-1", "name": "People", "elements": elements]]))
    }

    static let link = GHLCustomField(id: "cfLink", fieldKey: "contact.fulcrum_record_id", name: "Fulcrum Record Id", dataType: "TEXT")

    /// Each kind of Fulcrum element, as the form JSON carries it (never mutated, so shared safely).
    nonisolated(unsafe) static let fulcrumKinds: [String: [String: Any]] = [
        "TextField": ["type": "TextField"],
        "numeric TextField": ["type": "TextField", "numeric": true],
        "ChoiceField": ["type": "ChoiceField", "choices": [["label": "Yes", "value": "yes"]]],
        "multiple ChoiceField": ["type": "ChoiceField", "multiple": true, "choices": [["label": "Yes", "value": "yes"]]],
        "YesNoField": ["type": "YesNoField", "positive": ["label": "Yes", "value": "yes"], "negative": ["label": "No", "value": "no"]],
        "DateField": ["type": "DateField"],
        "HyperlinkField": ["type": "HyperlinkField"],
        "CalculatedField": ["type": "CalculatedField"],
        "ClassificationField": ["type": "ClassificationField"],
    ]

    @Test(arguments: fulcrumKinds.keys.sorted(), GHLCustomFieldType.allCases)
    func aProposedPairingAlwaysLoadsAndAnUnpairedOneSaysWhy(kind: String, type: GHLCustomFieldType) throws {
        let thing = GHLCustomField(id: "cfThing", fieldKey: "contact.thing", name: "Thing", dataType: type.rawValue, options: type.hasOptions ? ["Yes", "No"] : [])
        let form = try Self.form([Self.fulcrumKinds[kind]!.merging(["key": "t1", "data_name": "thing"]) { $1 }])
        let element = try #require(form.elements["thing"])

        let proposal = ConfigProposal(form: form, definitions: [Self.link, thing], endpoints: Self.endpoints)
        let mapping = try ResolvedMapping(config: try MappingConfig.load(yaml: proposal.yaml), form: form, ghlCustomFields: [Self.link, thing])

        let accepted = (try? FieldConversion.pairing(
            element: element, ghl: .custom("cfThing"), definition: thing,
            direction: FieldConversion.isReadOnlyInFulcrum(element) ? .toGHL : .both)) != nil
        #expect(mapping.fields.contains { $0.key == "thing" } == accepted)
        if !accepted {
            let reason = proposal.unpaired.first { $0.fulcrum == "thing" }?.reason ?? ""
            #expect(reason.contains(type.rawValue) && reason.contains("nearest supported"), "\(reason)")
            #expect(proposal.yaml.contains("# - thing: "))
        }
    }

    @Test func aFieldNoGHLFieldIsNamedLikeIsListedWithTheTypesThatWouldTakeIt() throws {
        let form = try Self.form([["key": "t1", "data_name": "shoe_size", "type": "TextField", "numeric": true]])

        let proposal = ConfigProposal(form: form, definitions: [Self.link], endpoints: Self.endpoints)

        let reason = proposal.unpaired.first { $0.fulcrum == "shoe_size" }?.reason ?? ""
        #expect(reason.contains("no GHL field is named like it") && reason.contains("NUMERICAL or MONETORY"), "\(reason)")
        #expect(proposal.pairings.map(\.fulcrum) == ["email"])
    }

    @Test func namesPeopleGiveFieldsPairWithGHLStandardFields() throws {
        let form = try Self.form([
            ["key": "a3", "data_name": "given_name", "type": "TextField"], ["key": "a4", "data_name": "surname", "type": "TextField"],
            ["key": "a5", "data_name": "mobile", "type": "TextField"], ["key": "a6", "data_name": "zip", "type": "TextField"],
            ["key": "a7", "data_name": "Mail", "label": "E-mail address", "type": "TextField"],
        ])

        let proposal = ConfigProposal(form: form, definitions: [Self.link], endpoints: Self.endpoints)

        #expect(Dictionary(uniqueKeysWithValues: proposal.pairings.map { ($0.fulcrum, $0.ghlName) }) == [
            "email": "email", "given_name": "firstName", "surname": "lastName", "mobile": "phone", "zip": "postalCode",
        ])
        #expect(proposal.unpaired.first { $0.fulcrum == "Mail" }?.reason.contains("(email) is already paired with email") == true)
    }
}
