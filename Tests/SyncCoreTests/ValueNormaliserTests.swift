import Foundation
import SyncCore
import Testing

struct ValueNormaliserTests {
    let normaliser = ValueNormaliser(phoneRegion: "US")

    @Test(arguments: [
        ("ada@example.com", "ada@example.com"),
        ("Ada.Lovelace@Example.com", "ada.lovelace@example.com"),
        ("  ADA+news@EXAMPLE.CO.UK ", "ada+news@example.co.uk"),
        ("a@b.co", "a@b.co"),
        ("o'brien@example.ie", "o'brien@example.ie"),
    ])
    func validEmailsCompareLowerCasedAndKeepTheirSpelling(_ raw: String, _ canonical: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        #expect(
            normaliser.normalise(raw, as: .email) == .value(FieldValue(canonical: canonical, text: trimmed)))
    }

    @Test(arguments: [
        "edsger@@example", "ada@example", "ada example@example.com", "@example.com", "ada@",
        "ada@.example.com",
        "ada@example..com", ".ada@example.com", "ada.@example.com", "a..b@example.com", "ada@-example.com",
        "ada@example.com, bob@example.com", "<ada@example.com>", "ada(at)example.com", "adaexample.com",
    ])
    func invalidEmailsAreIssuesNamingTheValue(_ raw: String) {
        #expect(normaliser.normalise(raw, as: .email) == .invalid("\"\(raw)\" is not a valid email address"))
    }

    @Test(arguments: FieldKind.allCases)
    func blankValuesAreAbsentWhateverTheKind(_ kind: FieldKind) {
        for blank in ["", " ", "  \t", "\n"] {
            #expect(normaliser.normalise(blank, as: kind) == .absent)
        }
    }

    @Test func textIsTrimmedAndComparedExactly() {
        #expect(
            normaliser.normalise("  Ada  ", as: .text) == .value(FieldValue(canonical: "Ada", text: "Ada")))
        #expect(normaliser.normalise("ada", as: .text) != normaliser.normalise("Ada", as: .text))
    }

    @Test(arguments: [
        ("1990-09-25", "1990-09-25"),
        ("1990-09-25T00:00:00.000Z", "1990-09-25"),
        ("1990-09-25T00:00:00Z", "1990-09-25"),
        ("1990-09-25 08:30", "1990-09-25"),
        ("09/25/1990", "1990-09-25"),
        ("1990/09/25", "1990-09-25"),
        ("2024-02-29", "2024-02-29"),
    ])
    func datesCompareAsISODays(_ raw: String, _ iso: String) {
        #expect(normaliser.normalise(raw, as: .date) == .value(FieldValue(canonical: iso, text: iso)))
    }

    @Test(arguments: ["next tuesday", "1990-13-01", "25.13.1990", "1990-09-25X"])
    func unparseableDatesAreKeptVerbatim(_ raw: String) {
        #expect(normaliser.normalise(raw, as: .date) == .value(FieldValue(canonical: raw, text: raw)))
    }

    @Test(arguments: [
        ("12", "12"), ("12.0", "12"), ("012", "12"), ("12.50", "12.5"), ("-3", "-3"), ("1e3", "1000"),
        ("+7", "7"),
    ])
    func numbersCompareByValueAndKeepTheirSpelling(_ raw: String, _ canonical: String) {
        #expect(normaliser.normalise(raw, as: .number) == .value(FieldValue(canonical: canonical, text: raw)))
    }

    @Test func twelveAndTwelvePointZeroAreTheSameNumber() {
        guard case .value(let a) = normaliser.normalise("12", as: .number),
            case .value(let b) = normaliser.normalise("12.0", as: .number)
        else {
            Issue.record("both are numbers")
            return
        }
        #expect(a.agrees(with: b))
    }

    @Test(arguments: ["twelve", "1,200", "12 units", "0x1F"])
    func unparseableNumbersAreKeptVerbatim(_ raw: String) {
        #expect(normaliser.normalise(raw, as: .number) == .value(FieldValue(canonical: raw, text: raw)))
    }

    @Test func phonesCompareAsE164AndKeepTheirSpelling() {
        #expect(
            normaliser.normalise(" (415) 555-0101 ", as: .phone)
                == .value(FieldValue(canonical: "+14155550101", text: "(415) 555-0101")))
    }

    @Test func unparseablePhonesAreKeptVerbatimNotDropped() {
        #expect(
            normaliser.normalise("front desk", as: .phone)
                == .value(FieldValue(canonical: "front desk", text: "front desk")))
    }

    @Test func theRegionDecidesNationalPhoneNumbers() {
        let gb = ValueNormaliser(phoneRegion: "GB")
        #expect(
            gb.normalise("020 7946 0958", as: .phone)
                == .value(FieldValue(canonical: "+442079460958", text: "020 7946 0958")))
    }
}
