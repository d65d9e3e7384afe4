import Foundation

/// Timestamp formats the two APIs use, and a lenient parser for the filters.
enum TimeFormat {
    /// GHL style: ISO-8601 UTC with milliseconds, `2021-07-02T05:18:26.704Z`.
    static func isoMillis(_ millis: Int64) -> String {
        // The milliseconds are printed from the integer: a formatter given the Double would
        // print 0.851999… seconds as `.851`, one millisecond off the stored time.
        let (seconds, rest) = millis.quotientAndRemainder(dividingBy: 1000)
        let (whole, fraction) = rest < 0 ? (seconds - 1, rest + 1000) : (seconds, rest)
        let text = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double(whole)))
        return String(text.dropLast()) + "." + String(format: "%03d", Int(fraction)) + "Z"
    }

    /// Fulcrum style: ISO-8601 UTC to the second, `2012-04-20T20:35:45Z`.
    static func isoSeconds(_ millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(millis / 1000))
        return Date.ISO8601FormatStyle().format(date)
    }

    /// Parses ISO-8601 with or without fractional seconds, or a bare `YYYY-MM-DD`; epoch millis.
    static func parseISO(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) {
            // Rounded: `.198` is 0.19799999… seconds as a Double, and truncating it would move
            // a time written back unchanged one millisecond into the past.
            return SafeInteger.int64((date.timeIntervalSince1970 * 1000).rounded())
        }
        if let date = try? Date.ISO8601FormatStyle().parse(trimmed) {
            return SafeInteger.int64(date.timeIntervalSince1970 * 1000)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        if trimmed.count == 10, let date = formatter.date(from: trimmed) {
            return SafeInteger.int64(date.timeIntervalSince1970 * 1000)
        }
        return nil
    }

    /// Fulcrum filter values: integer or fractional epoch seconds, or ISO-8601; epoch millis.
    static func parseEpochSecondsOrISO(_ text: String) -> Int64? {
        if let seconds = Double(text), seconds.isFinite {
            return SafeInteger.int64(seconds * 1000)
        }
        return parseISO(text)
    }
}
