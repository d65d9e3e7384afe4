import SyncCore
import Testing

struct PhoneNormaliserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var raw: String
        var region: String
        var e164: String?
        var testDescription: String { "\(region): \"\(raw)\" -> \(e164 ?? "nil")" }
    }

    static let cases: [Case] = [
        // US national formats.
        Case(raw: "(415) 555-0101", region: "US", e164: "+14155550101"),
        Case(raw: "415-555-0101", region: "US", e164: "+14155550101"),
        Case(raw: "415.555.0101", region: "US", e164: "+14155550101"),
        Case(raw: "4155550101", region: "US", e164: "+14155550101"),
        Case(raw: " 1 (415) 555-0101 ", region: "US", e164: "+14155550101"),
        // The README's own examples (exchange 123: fictional, but one number in three spellings).
        Case(raw: "(555) 123-4567", region: "US", e164: "+15551234567"),
        Case(raw: "+1 555.123.4567", region: "US", e164: "+15551234567"),
        Case(raw: "+15551234567", region: "US", e164: "+15551234567"),
        // International prefixes from the US.
        Case(raw: "+1 415.555.0101", region: "US", e164: "+14155550101"),
        Case(raw: "+14155550101", region: "US", e164: "+14155550101"),
        Case(raw: "001 415 555 0101", region: "US", e164: "+14155550101"),
        Case(raw: "+44 20 7946 0958", region: "US", e164: "+442079460958"),
        Case(raw: "00 44 20 7946 0958", region: "US", e164: "+442079460958"),
        Case(raw: "011 44 20 7946 0958", region: "US", e164: "+442079460958"),
        // Extensions are kept.
        Case(raw: "415-555-0102 ext. 12", region: "US", e164: "+14155550102;ext=12"),
        Case(raw: "415-555-0102 ext 12", region: "US", e164: "+14155550102;ext=12"),
        Case(raw: "+1 415 555 0102 x12", region: "US", e164: "+14155550102;ext=12"),
        Case(raw: "(415) 555-0102 extension 7", region: "US", e164: "+14155550102;ext=7"),
        Case(raw: "415 555 0102 #99", region: "US", e164: "+14155550102;ext=99"),
        // GB as the default region.
        Case(raw: "020 7946 0958", region: "GB", e164: "+442079460958"),
        Case(raw: "07700 900123", region: "GB", e164: "+447700900123"),
        Case(raw: "+44 (0)20 7946 0958", region: "GB", e164: "+442079460958"),
        Case(raw: "00 1 415 555 0101", region: "GB", e164: "+14155550101"),
        Case(raw: "+1 415 555 0101", region: "gb", e164: "+14155550101"),
        // Not phone numbers we can place: nil, so the caller compares them verbatim.
        Case(raw: "555-1234", region: "US", e164: nil),
        Case(raw: "555-1234 ext. 12", region: "US", e164: nil),
        Case(raw: "call reception", region: "US", e164: nil),
        Case(raw: "", region: "US", e164: nil),
        Case(raw: "+1 115 555 0101", region: "US", e164: nil),
        Case(raw: "415 155 0101", region: "US", e164: "+14151550101"),
        Case(raw: "+99 123 456 789", region: "US", e164: nil),
        Case(raw: "+1 415 +555 0101", region: "US", e164: nil),
        Case(raw: "12345", region: "GB", e164: nil),
        Case(raw: "011 44 20 7946 0958", region: "GB", e164: nil),
    ]

    @Test(arguments: cases)
    func phoneNumbersAsPeopleTypeThemBecomeE164(_ c: Case) {
        #expect(PhoneNormaliser.e164(c.raw, region: c.region) == c.e164)
    }

    @Test(arguments: [("US", "1"), ("us", "1"), ("CA", "1"), ("GB", "44"), ("AU", "61"), ("DE", "49")])
    func knownRegionsHaveTheirCallingCode(_ region: String, _ code: String) {
        #expect(PhoneNormaliser.callingCode(forRegion: region) == code)
    }

    @Test func anUnknownRegionHasNoCallingCode() {
        #expect(PhoneNormaliser.callingCode(forRegion: "XX") == nil)
        #expect(PhoneNormaliser.callingCode(forRegion: "") == nil)
    }
}
