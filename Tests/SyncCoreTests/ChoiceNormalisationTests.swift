import Foundation
import SyncCore
import Testing

/// Yes/No, choice and checkbox values compare by the stored choice value, whichever side and
/// spelling they come from, so `yes` typed in GHL and `Yes` shown by Fulcrum are one value.
struct ChoiceNormalisationTests {
    func canonical(_ raw: String, _ key: String) throws -> String? {
        let mapping = try SharedMapping.resolved()
        let field = try #require(mapping.fields.first { $0.key == key })
        guard case .value(let value) = mapping.normalise(raw, for: field) else { return nil }
        return value.canonical
    }

    @Test(arguments: [("Yes", "yes"), ("yes", "YES"), ("No", "no"), (" no ", "No")])
    func yesNoSpellingsOfOneChoiceAreOneValue(_ a: String, _ b: String) throws {
        #expect(try canonical(a, "subscribed") == canonical(b, "subscribed"))
    }

    @Test func yesAndNoAreDifferentValues() throws {
        #expect(try canonical("Yes", "subscribed") != canonical("No", "subscribed"))
    }

    @Test(arguments: [("Trade show", "trade_show"), ("trade SHOW", "Trade show"), ("Website", "web")])
    func aChoiceLabelAndItsValueAreOneValue(_ a: String, _ b: String) throws {
        #expect(try canonical(a, "lead_source") == canonical(b, "lead_source"))
    }

    @Test func freeTextOtherValuesCompareCaseFolded() throws {
        #expect(try canonical("Referral", "lead_source") == canonical("referral", "lead_source"))
        #expect(try canonical("Referral", "lead_source") != canonical("Trade show", "lead_source"))
    }

    @Test func aBlankChoiceIsAbsent() throws {
        #expect(try canonical("  ", "lead_source") == nil)
    }

    @Test func otherFieldsKeepTheirKindsNormalisation() throws {
        #expect(try canonical("(415) 555-0101", "phone") == "+14155550101")
        #expect(try canonical("Ada", "first_name") != canonical("ada", "first_name"))
    }

    @Test func aMultipleChoiceIsASetWhateverTheOrder() throws {
        let form = try FormDefinition(
            json: Data(
                """
                {"id": "f", "name": "Interests", "elements": [
                  {"type": "ChoiceField", "key": "i1", "data_name": "interests", "multiple": true, "allow_other": true,
                   "choices": [{"label": "Boats", "value": "boats"}, {"label": "Planes", "value": "planes"}]},
                  {"type": "TextField", "key": "l1", "data_name": "ghl_contact_id"}
                ]}
                """.utf8))
        var config = try SharedMapping.config()
        config.fulcrumTagsField = nil
        config.fields = [FieldMapping(fulcrum: "interests", ghl: .custom("cf-interests"))]
        let mapping = try ResolvedMapping(config: config, form: form)
        func canonical(_ raw: String) -> String? {
            guard case .value(let value) = mapping.normalise(raw, for: mapping.fields[0]) else { return nil }
            return value.canonical
        }
        #expect(canonical("Boats, Planes") == canonical("planes, boats"))
        #expect(canonical("Boats, Gliders") == canonical("gliders, Boats"))
        #expect(canonical("Boats") != canonical("Boats, Planes"))
    }
}
