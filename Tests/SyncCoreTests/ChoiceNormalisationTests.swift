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
}
