import Foundation
import SyncCore
import Testing
@testable import SyncServer

/// When serve's nightly full reconcile (`sync.full_reconcile_at`) comes round.
struct PollTimerTests {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar
    }()

    static func date(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test(arguments: [
        ("2026-11-30T00:00:00Z", "2026-11-30T01:30:00Z"),  // 01:00 Berlin: 02:30 Berlin is today, 01:30 UTC
        ("2026-11-30T01:30:00Z", "2026-12-01T01:30:00Z"),  // exactly at the time: the next day's
        ("2026-11-30T01:31:00Z", "2026-12-01T01:30:00Z"),
        ("2026-11-29T23:00:00Z", "2026-11-30T01:30:00Z"),
    ])
    func theNightlyRunIsTheNextLocalHHMMAfterNow(now: String, expected: String) {
        let time = ServeSettings.TimeOfDay("02:30")!
        #expect(PollTimer.next(time, after: Self.date(now), calendar: Self.calendar) == Self.date(expected))
    }

    @Test func aDaylightSavingChangeKeepsTheLocalTime() {
        // Berlin leaves summer time on 2026-10-25: 02:30 local is 00:30 UTC before, 01:30 after.
        let time = ServeSettings.TimeOfDay("02:30")!
        let next = PollTimer.next(time, after: Self.date("2026-10-25T12:00:00Z"), calendar: Self.calendar)
        #expect(next == Self.date("2026-10-26T01:30:00Z"))
    }
}
