import Foundation

/// The times of child items in one canonical spelling.
///
/// GHL writes appointment times as `"2021-07-16 11:00:00"` (no zone: the location's time) in
/// its contact endpoint and as ISO with an offset in webhooks (ghl.md §4.13, §7); task due
/// dates are ISO UTC; Fulcrum date fields hold a zone-less `YYYY-MM-DD`. Instants compare as
/// ISO UTC to the second (`2021-07-16T15:00:00Z`); against a date-only Fulcrum field, as the
/// date in the location's time zone.
public struct ChildTime: Sendable, Hashable {
    /// The location's time zone, for zone-less times and dates.
    public let timeZone: TimeZone

    /// Creates a converter for a location's time zone.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The instant `text` names: ISO with `Z` or an offset as given; a zone-less
    /// `YYYY-MM-DD HH:mm:ss` (or with `T`) in the location's zone; `nil` when it is neither.
    public func instant(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let parsed = Timestamp.parse(trimmed) else { return nil }
        let tail = trimmed.dropFirst(19)
        let zoned = tail.contains("Z") || tail.contains("+") || tail.contains("-")
        guard !zoned else { return parsed }
        // Read as UTC, so move by the zone's offset at that local time (twice, across a DST change).
        var offset = timeZone.secondsFromGMT(for: parsed)
        offset = timeZone.secondsFromGMT(for: parsed.addingTimeInterval(-Double(offset)))
        return parsed.addingTimeInterval(-Double(offset))
    }

    /// ISO UTC to the second: `2021-07-16T15:00:00Z`.
    public func iso(_ date: Date) -> String {
        Timestamp.format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)), milliseconds: false)
    }

    /// The date of `date` in the location's zone, `YYYY-MM-DD`.
    public func day(_ date: Date) -> String {
        let shifted = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return String(iso(Date(timeIntervalSince1970: shifted)).prefix(10))
    }

    /// The instant starting day `day` (`YYYY-MM-DD`) in the location's zone.
    public func startOfDay(_ day: String) -> Date? {
        instant("\(day.prefix(10)) 00:00:00")
    }

    /// The canonical form of an instant as text: a date when `dateOnly` (the Fulcrum field
    /// holds only a date), else ISO UTC; text that is no time at all stays as written.
    public func canonical(_ text: String, dateOnly: Bool) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if dateOnly, trimmed.count == 10, Timestamp.parse(trimmed + "T00:00:00Z") != nil { return trimmed }
        guard let date = instant(trimmed) else { return trimmed }
        return dateOnly ? day(date) : iso(date)
    }
}
