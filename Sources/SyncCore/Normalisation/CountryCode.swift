import Foundation

/// Country names and ISO 3166 two-letter codes: GHL's `country` holds a code (ghl.md §4.5),
/// while a Fulcrum address may hold a name ("United States") or a code.
public enum CountryCode {
    /// The two-letter code for a code (any case) or an English country name, or `nil`.
    public static func code(_ text: String) -> String? {
        let folded = fold(text)
        guard !folded.isEmpty else { return nil }
        return byName[folded]
    }

    /// A comparison form: the code when the country is known, else the text case-folded.
    static func canonical(_ text: String) -> String {
        code(text) ?? "country:\(fold(text))"
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: ".", with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Common names that are not the English display name.
    static let aliases: [String: String] = [
        "usa": "US", "united states of america": "US", "america": "US", "uk": "GB", "great britain": "GB",
        "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "britain": "GB",
        "south korea": "KR", "korea": "KR", "north korea": "KP", "russia": "RU", "czech republic": "CZ",
        "holland": "NL", "the netherlands": "NL", "uae": "AE", "ivory coast": "CI", "vietnam": "VN",
        "turkey": "TR", "burma": "MM", "macedonia": "MK", "swaziland": "SZ", "cape verde": "CV",
    ]

    /// Folded codes, English names and aliases to codes, built once.
    static let byName: [String: String] = {
        var map: [String: String] = [:]
        let english = Locale(identifier: "en_US")
        for region in Locale.Region.isoRegions {
            let code = region.identifier
            guard code.count == 2, code.allSatisfy(\.isLetter) else { continue }
            map[fold(code)] = code
            if let name = english.localizedString(forRegionCode: code) {
                map[fold(name)] = code
                // "Congo - Kinshasa", "Hong Kong SAR China": the plain name too, when free.
                if let plain = name.split(separator: " - ").first.map(String.init), map[fold(plain)] == nil {
                    map[fold(plain)] = code
                }
            }
        }
        for (name, code) in aliases { map[name] = code }
        return map
    }()
}
