import Foundation

/// Normalises one field value by kind into a `FieldValue`, or reports why it cannot be used.
///
/// Empty equals absent: blank input yields no value at all. Unparseable phones, dates and
/// numbers are kept verbatim (compared verbatim, never dropped); only an invalid email is an
/// issue, because writing it would be refused by GHL and matching on it would be wrong.
public struct ValueNormaliser: Sendable, Hashable {
    /// Region for phones without a country code.
    public var phoneRegion: String

    /// Creates a normaliser.
    public init(phoneRegion: String) {
        self.phoneRegion = phoneRegion
    }

    /// The outcome for one value.
    public enum Outcome: Sendable, Hashable {
        /// Blank: the field is absent.
        case absent
        /// A usable value.
        case value(FieldValue)
        /// A value that must not be synced; the reason says why.
        case invalid(String)
    }

    /// Normalises `raw` as a field of `kind`.
    public func normalise(_ raw: String, as kind: FieldKind) -> Outcome {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .absent }
        switch kind {
        case .text:
            return .value(FieldValue(canonical: text, text: text))
        case .email:
            guard Self.isValidEmail(text) else {
                return .invalid("\"\(text)\" is not a valid email address")
            }
            return .value(FieldValue(canonical: text.lowercased(), text: text))
        case .phone:
            return .value(FieldValue(canonical: Self.canonicalPhone(text, region: phoneRegion), text: text))
        case .date:
            return .value(FieldValue(canonical: Self.isoDate(text) ?? text, text: Self.isoDate(text) ?? text))
        case .number:
            guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                text.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) })
            else { return .value(FieldValue(canonical: text, text: text)) }
            return .value(FieldValue(canonical: "\(number)", text: text))
        case .country:
            return .value(FieldValue(canonical: CountryCode.canonical(text), text: text))
        }
    }

    /// A phone's comparison form: libphonenumber's E.164 when it calls the number valid (it
    /// knows which regions keep their trunk 0, as Italy does), else the hand-written
    /// normaliser's, else the text as typed. An extension the normaliser read is kept.
    ///
    /// An international spelling (`+CC …`, how GHL stores every phone) is read exactly by the
    /// hand-written normaliser, so libphonenumber (about 20 µs a call) is asked only about
    /// national spellings and `(0)`, where a region's numbering plan matters.
    static func canonicalPhone(_ text: String, region: String) -> String {
        let handWritten = PhoneNormaliser.e164(text, region: region)
        if text.hasPrefix("+"), !text.contains("("), let handWritten { return handWritten }
        let verdict = PhoneNumberCheck.verdict(text, region: region)
        guard verdict.isValid, let e164 = verdict.e164 else { return handWritten ?? text }
        let parts = handWritten?.split(separator: ";", maxSplits: 1) ?? []
        return parts.count == 2 ? e164 + ";" + parts[1] : e164
    }

    /// A pragmatic address check: one `@`, a non-empty local part, a dotted domain, no spaces.
    public static func isValidEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.count <= 64, !domain.isEmpty,
            !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
    }

    /// `YYYY-MM-DD` from the date spellings both APIs use (`1990-09-25`, `1990-09-25T00:00:00.000Z`,
    /// `1990/09/25`, `09/25/1990`), or `nil`.
    static func isoDate(_ text: String) -> String? {
        let head = text.prefix(10)
        let parts = head.split(whereSeparator: { "-/._".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let (year, month, day): (String, String, String) =
            parts[0].count == 4 ? (parts[0], parts[1], parts[2]) : (parts[2], parts[0], parts[1])
        guard year.count == 4, let m = Int(month), let d = Int(day), (1...12).contains(m), (1...31).contains(d),
            text.count == 10 || text.dropFirst(10).first == "T" || text.dropFirst(10).first == " "
        else { return nil }
        return "\(year)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}
