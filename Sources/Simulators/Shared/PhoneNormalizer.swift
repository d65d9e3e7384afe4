import Foundation

/// Normalises phone input to E.164 the way GHL stores it.
///
/// NANP is the default region (`+1`); `+` and `00` start an international number; punctuation
/// and spaces are dropped. Anything it cannot make sense of is kept verbatim, as GHL does.
enum PhoneNormalizer {
    static func e164(_ input: String) -> String {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return trimmed }
        let allowed = Set("0123456789+()-. /")
        guard trimmed.allSatisfy({ allowed.contains($0) }) else { return trimmed }
        // "+44 (0)20 ..." writes the national trunk prefix in brackets. ghl.md §6.1 and §8 item 16
        // [SPEC]: GHL takes phones free-form and stores and returns them in E.164, and an E.164
        // number never contains the trunk prefix (ITU-T E.164/E.123: "(0)" is not dialled from
        // abroad), so the stored number is +442079460958. This is read from the documented E.164
        // output; how the live API parses "(0)" is not documented (UNCONFIRMED).
        let international = trimmed.hasPrefix("+") || trimmed.hasPrefix("00")
        let digits = (international ? trimmed.replacingOccurrences(of: "(0)", with: "") : trimmed).filter(\.isNumber)
        if trimmed.hasPrefix("+") {
            return (8...15).contains(digits.count) ? "+" + digits : trimmed
        }
        if digits.hasPrefix("00") {
            let rest = digits.dropFirst(2)
            return (8...15).contains(rest.count) ? "+" + rest : trimmed
        }
        if digits.count == 10 { return "+1" + digits }
        if digits.count == 11 && digits.hasPrefix("1") { return "+" + digits }
        return trimmed
    }
}
