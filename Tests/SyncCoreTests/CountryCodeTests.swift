import SyncCore
import Testing

/// Country names and codes: a Fulcrum address may say "United States", GHL's `country` says `US`.
struct CountryCodeTests {
    @Test(arguments: [
        ("US", "US"), ("us", "US"), ("United States", "US"), ("U.S.A.", "US"), ("United Kingdom", "GB"),
        ("UK", "GB"), ("Germany", "DE"), ("germany", "DE"), ("France", "FR"), ("Japan", "JP"), ("Brazil", "BR"),
        ("New Zealand", "NZ"), ("  south  korea ", "KR"),
    ])
    func aCountryNameOrCodeIsItsTwoLetterCode(_ text: String, _ code: String) {
        #expect(CountryCode.code(text) == code)
    }

    @Test(arguments: ["Atlantis", "", "XX", "Middle Earth"])
    func somethingThatIsNoCountryHasNoCode(_ text: String) {
        #expect(CountryCode.code(text) == nil)
    }
}
