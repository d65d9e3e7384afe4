import Foundation
import SyncCore
import Testing

struct TimestampTests {
    @Test(arguments: [
        ("2015-05-30T15:47:19Z", 1_433_000_839.0),
        ("2021-07-02T05:18:26.704Z", 1_625_203_106.704),
        ("2021-07-02T10:48:26+05:30", 1_625_203_106.0),
        ("2021-07-02T10:48:26+0530", 1_625_203_106.0),
        ("2021-07-01T21:18:26-08:00", 1_625_203_106.0),
        ("2021-07-02 05:18:26Z", 1_625_203_106.0),
        ("2021-07-02T05:18:26", 1_625_203_106.0),
        ("1969-07-20T20:17:40Z", -14_182_940.0),
        ("2024-02-29T23:59:59Z", 1_709_251_199.0),
    ])
    func isoDateTimesParseToTheInstantTheyName(_ text: String, _ seconds: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.0005)
    }

    @Test(arguments: [
        "", "yesterday", "2021-07-02", "2021-13-02T00:00:00Z", "2021-07-32T00:00:00Z", "2021-07-02T24:00:00Z",
        "2021-07-02T05:18:26+5", "2021-07-02T05:18:26Q", "2021-07-02T05:18:26Z trailing",
        "2021/07/02T05:18:26Z",
    ])
    func otherTextIsNotATimestamp(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test(arguments: [
        (1_625_203_106.704, true, "2021-07-02T05:18:26.704Z"),
        (1_625_203_106.704, false, "2021-07-02T05:18:26Z"),
        (1_433_000_839.0, true, "2015-05-30T15:47:19.000Z"),
        (-14_182_940.0, false, "1969-07-20T20:17:40Z"),
        (1_709_251_199.9996, true, "2024-03-01T00:00:00.000Z"),
        (0.0, false, "1970-01-01T00:00:00Z"),
    ])
    func datesFormatAsUTCWithOrWithoutMilliseconds(_ seconds: Double, _ milliseconds: Bool, _ text: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds), milliseconds: milliseconds) == text)
    }

    @Test(arguments: [
        "2015-05-30T15:47:19.000Z", "2021-07-02T05:18:26.704Z", "1969-07-20T20:17:40.250Z",
        "2026-11-20T10:00:00.001Z",
    ])
    func formattingWithMillisecondsRoundTrips(_ text: String) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(Timestamp.format(date, milliseconds: true) == text)
    }

    @Test func anOffsetTimeFormatsAsTheSameInstantInUTC() throws {
        let date = try #require(Timestamp.parse("2021-07-02T10:48:26.500+05:30"))
        #expect(Timestamp.format(date, milliseconds: true) == "2021-07-02T05:18:26.500Z")
    }
}
