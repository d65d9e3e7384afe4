import Foundation
/// Turns phone numbers as people type them into E.164 for comparison.
///
/// Handles national formats in the default region (`(555) 123-4567` in US), international
/// prefixes (`+1 555.123.4567`, `00 44 20 7946 0958`, `011` from NANP) and extensions
/// (`ext. 12`, `x12`, kept as `;ext=12`). A number it cannot parse returns `nil`; the caller
/// keeps it verbatim rather than dropping it. Deliberately small: no per-country numbering
/// plans beyond NANP, which is the precision a contact match needs.
public enum PhoneNormaliser {
    /// Country calling codes by ISO region.
    static let regions: [String: String] = [
        "US": "1", "CA": "1", "PR": "1", "GB": "44", "IE": "353", "AU": "61", "NZ": "64", "DE": "49",
        "FR": "33", "ES": "34", "IT": "39", "NL": "31", "BE": "32", "CH": "41", "AT": "43", "SE": "46",
        "NO": "47", "DK": "45", "FI": "358", "PL": "48", "PT": "351", "GR": "30", "CZ": "420",
        "MX": "52", "BR": "55", "AR": "54", "CL": "56", "CO": "57", "PE": "51", "IN": "91", "JP": "81",
        "CN": "86", "HK": "852", "SG": "65", "MY": "60", "PH": "63", "ID": "62", "TH": "66", "KR": "82",
        "ZA": "27", "NG": "234", "KE": "254", "EG": "20", "AE": "971", "SA": "966", "IL": "972",
        "TR": "90", "RU": "7", "UA": "380",
    ]
    /// Every calling code fgsync recognises after `+` or `00`.
    static let callingCodes: Set<String> = Set(regions.values)

    /// The calling code of an ISO region, or `nil` for an unknown region.
    public static func callingCode(forRegion region: String) -> String? {
        regions[region.uppercased()]
    }

    /// The E.164 form of `raw` (with `;ext=N` when an extension was given), or `nil`.
    public static func e164(_ raw: String, region: String) -> String? {
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        var ext = ""
        for marker in ["extension", "ext.", "ext", "x", "#"] {
            if let range = text.range(of: marker, options: .backwards) {
                let tail = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if !tail.isEmpty, tail.allSatisfy(\.isASCIIDigit) {
                    ext = ";ext=\(tail)"
                    text = text[..<range.lowerBound]
                    break
                }
            }
        }
        // "+44 (0)20 ..." writes the national trunk prefix in brackets; it is not dialled.
        if text.hasPrefix("+") || text.hasPrefix("00") {
            text = Substring(text.replacingOccurrences(of: "(0)", with: ""))
        }
        let allowed = Set(" ()-./+\t")
        guard text.allSatisfy({ $0.isASCIIDigit || allowed.contains($0) }) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.filter({ $0 == "+" }).count <= 1, !trimmed.dropFirst().contains("+") else { return nil }
        var digits = trimmed.filter(\.isASCIIDigit)
        let home = callingCode(forRegion: region) ?? "1"
        if trimmed.hasPrefix("+") {
            return international(digits).map { "+\($0)\(ext)" }
        }
        if digits.hasPrefix("00") {
            return international(String(digits.dropFirst(2))).map { "+\($0)\(ext)" }
        }
        if home == "1" {
            if digits.hasPrefix("011") { return international(String(digits.dropFirst(3))).map { "+\($0)\(ext)" } }
            if digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
            guard validNANP(digits) else { return nil }
            return "+1\(digits)\(ext)"
        }
        if digits.hasPrefix("0") { digits.removeFirst() }
        guard (6...12).contains(digits.count) else { return nil }
        return "+\(home)\(digits)\(ext)"
    }

    private static func international(_ digits: String) -> String? {
        guard (8...15).contains(digits.count) else { return nil }
        if digits.hasPrefix("1") {
            return digits.count == 11 && validNANP(String(digits.dropFirst())) ? digits : nil
        }
        let known = (1...3).contains { callingCodes.contains(String(digits.prefix($0))) }
        return known ? digits : nil
    }

    /// Ten digits with an area code starting 2-9. The exchange is not checked: fictional and
    /// test numbers such as 555-0123 are common in real data and must still compare as E.164.
    private static func validNANP(_ digits: String) -> Bool {
        guard digits.count == 10, let area = digits.first else { return false }
        return area >= "2"
    }
}

extension Character {
    /// An ASCII digit 0-9 (not any Unicode numeral).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
