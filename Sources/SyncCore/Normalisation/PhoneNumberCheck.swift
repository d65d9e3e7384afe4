import CPhoneNumber

/// What Google's libphonenumber says about a phone number, through the `CPhoneNumber` shim.
///
/// The hand-written `PhoneNormaliser` gives the canonical E.164 spelling used for comparison;
/// this answers the question it cannot: is the number one that can exist in its region? A
/// phone that is not valid is never used to match two people (`00000`, `☎`, a 555 area code).
public enum PhoneNumberCheck {
    /// libphonenumber's verdict on one spelling.
    public struct Verdict: Sendable, Hashable {
        /// Whether the number is valid for the region it belongs to.
        public var isValid: Bool
        /// Its E.164 form (no extension), when it parses at all.
        public var e164: String?
    }

    /// Parses `raw` as written in `region` (ISO code; `ZZ` when `raw` starts with `+`).
    public static func verdict(_ raw: String, region: String) -> Verdict {
        var buffer = [CChar](repeating: 0, count: 64)
        let answer = fg_phone_normalise(raw, region, &buffer, buffer.count)
        guard answer >= 0 else { return Verdict(isValid: false, e164: nil) }
        let e164 = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Verdict(isValid: answer == 1, e164: e164.isEmpty ? nil : e164)
    }

    /// libphonenumber's example number for `region` in E.164 (a mobile or a fixed line), for
    /// generating realistic numbers in benchmarks; `nil` when it has none.
    public static func example(region: String, mobile: Bool) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard fg_phone_example(region, mobile ? 1 : 0, &buffer, buffer.count) == 1 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether a canonical phone (`+E164`, optionally `;ext=N`, as `PhoneNormaliser` writes it)
    /// is a valid number and so may be used as a match key. A phone kept verbatim because it
    /// could not be parsed is never one.
    public static func isValidMatchKey(_ canonical: String) -> Bool {
        guard canonical.hasPrefix("+") else { return false }
        let number = canonical.split(separator: ";", maxSplits: 1).first.map(String.init) ?? canonical
        return verdict(number, region: "ZZ").isValid
    }
}
