import Foundation
import SyncCore
import Testing

/// Issue 9 item 2: GHL's appointment times come as "YYYY-MM-DD HH:mm:ss" (the location's time,
/// no zone) from the contact endpoint and as ISO with an offset in webhooks; both normalise to
/// one instant in the configured time zone.
struct ChildTimeTests {
    static let newYork = ChildTime(timeZone: TimeZone(identifier: "America/New_York")!)

    @Test(arguments: [
        ("2026-07-16 11:00:00", "2026-07-16T15:00:00Z"),  // summer: UTC-4
        ("2026-12-16 11:00:00", "2026-12-16T16:00:00Z"),  // winter: UTC-5
        ("2026-07-16T11:00:00-04:00", "2026-07-16T15:00:00Z"),
        ("2026-07-16T20:30:00+05:30", "2026-07-16T15:00:00Z"),
        ("2026-07-16T15:00:00.000Z", "2026-07-16T15:00:00Z"),
    ])
    func bothSpellingsOfAnAppointmentTimeNormaliseToOneInstant(_ text: String, _ canonical: String) {
        #expect(Self.newYork.canonical(text, dateOnly: false) == canonical)
    }

    @Test(arguments: [
        ("2026-07-17T02:00:00Z", "2026-07-16"),  // still the 16th in New York
        ("2026-07-16", "2026-07-16"),
        ("2026-07-16 23:30:00", "2026-07-16"),
    ])
    func anInstantComparesWithADateOnlyFulcrumFieldAsTheLocationsDate(_ text: String, _ day: String) {
        #expect(Self.newYork.canonical(text, dateOnly: true) == day)
    }

    @Test func aZonelessTimeIsReadInTheConfiguredZoneAndTextThatIsNoTimeIsKept() {
        let london = ChildTime(timeZone: TimeZone(identifier: "Europe/London")!)
        #expect(london.canonical("2026-07-16 11:00:00", dateOnly: false) == "2026-07-16T10:00:00Z")
        #expect(london.canonical("next Tuesday", dateOnly: false) == "next Tuesday", "text that is no time is kept as written")
    }
}
