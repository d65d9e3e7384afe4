import ArgumentParser
import Foundation
import SyncCore

/// `fgsync-bench phones`: how libphonenumber's answers differ from `PhoneNormaliser`'s on
/// generated numbers from many regions, typed the ways people type them.
///
/// Each number is libphonenumber's example number for its region (mobile or fixed line) with
/// its last three digits randomised (mostly still valid, sometimes not), written in one of several spellings (national with trunk prefix, `+CC`, `00 CC`, brackets,
/// dots, an extension) or replaced by junk (too short, all zeros, letters, `☎`). Seeded, so
/// every run counts the same numbers.
struct PhoneComparison: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phones", abstract: "Compare libphonenumber with the hand-written PhoneNormaliser on generated numbers.")

    @Option(help: "How many numbers to generate.")
    var count: Int = 5_000

    @Option(help: "Random seed.")
    var seed: UInt64 = 11

    /// Regions and calling codes the generator uses (a mix of NANP, Europe, Asia, Africa, Latin America).
    static let regions: [(String, String)] = [
        ("US", "1"), ("CA", "1"), ("GB", "44"), ("IE", "353"), ("AU", "61"), ("NZ", "64"), ("DE", "49"), ("FR", "33"),
        ("ES", "34"), ("IT", "39"), ("NL", "31"), ("BE", "32"), ("CH", "41"), ("SE", "46"), ("PL", "48"), ("PT", "351"),
        ("MX", "52"), ("BR", "55"), ("AR", "54"), ("CO", "57"), ("IN", "91"), ("JP", "81"), ("CN", "86"), ("SG", "65"),
        ("PH", "63"), ("KR", "82"), ("ZA", "27"), ("NG", "234"), ("KE", "254"), ("AE", "971"), ("IL", "972"), ("TR", "90"),
    ]

    /// How the two answers relate for one number.
    enum Outcome: String, CaseIterable {
        case agreeValid = "same E.164, libphonenumber: valid"
        case agreeInvalid = "same E.164, libphonenumber: NOT a valid number (hand-written would match on it)"
        case differentE164 = "different E.164"
        case onlyLibValid = "hand-written rejects, libphonenumber: valid"
        case onlyHandAccepts = "hand-written accepts, libphonenumber cannot parse"
        case bothReject = "both reject (kept verbatim, never a match key)"
        case libParsesInvalid = "hand-written rejects, libphonenumber parses but not valid"
    }

    func run() {
        var random = SplitMix64(seed: seed)
        var counts: [Outcome: Int] = [:]
        var examples: [Outcome: [String]] = [:]
        var perRegionInvalid: [String: Int] = [:]
        for _ in 0..<count {
            let (region, code) = Self.regions[Int(random.next() % UInt64(Self.regions.count))]
            let raw = Self.spelling(region: region, code: code, random: &random)
            let hand = PhoneNormaliser.e164(raw, region: region).map { $0.split(separator: ";").first.map(String.init) ?? $0 }
            let lib = PhoneNumberCheck.verdict(raw, region: region)
            let outcome: Outcome
            switch (hand, lib.e164) {
            case (let h?, let l?) where h == l: outcome = lib.isValid ? .agreeValid : .agreeInvalid
            case (.some, .some): outcome = .differentE164
            case (.some, nil): outcome = .onlyHandAccepts
            case (nil, .some): outcome = lib.isValid ? .onlyLibValid : .libParsesInvalid
            case (nil, nil): outcome = .bothReject
            }
            if outcome == .agreeInvalid { perRegionInvalid[region, default: 0] += 1 }
            counts[outcome, default: 0] += 1
            if examples[outcome, default: []].count < 3 {
                examples[outcome, default: []].append("\(region) \"\(raw)\" hand=\(hand ?? "-") lib=\(lib.e164 ?? "-")\(lib.isValid ? " valid" : "")")
            }
        }
        print("phones: \(count) generated numbers across \(Self.regions.count) regions (seed \(seed))")
        for outcome in Outcome.allCases {
            let n = counts[outcome] ?? 0
            print(String(format: "  %5d  %5.1f%%  ", n, 100 * Double(n) / Double(max(count, 1))) + outcome.rawValue)
            for example in examples[outcome] ?? [] { print("           e.g. \(example)") }
        }
        let worst = perRegionInvalid.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key) \($0.value)" }
        print("  regions where the hand-written normaliser accepts most invalid numbers: \(worst.joined(separator: ", "))")
    }

    /// One generated spelling of a number (or junk) for `region`.
    static func spelling(region: String, code: String, random: inout SplitMix64) -> String {
        func digits(_ n: Int, firstFrom low: UInt64 = 1) -> String {
            var text = String(low + random.next() % (10 - low))
            for _ in 1..<max(n, 1) { text += String(random.next() % 10) }
            return text
        }
        let nanp = code == "1"
        let example = PhoneNumberCheck.example(region: region, mobile: random.next() % 2 == 0) ?? "+\(code)\(digits(9))"
        let significant = String(example.dropFirst(1 + code.count))
        let national = String(significant.dropLast(3)) + String(format: "%03d", Int(random.next() % 1000))
        let grouped = stride(from: 0, to: national.count, by: 3).map { start -> String in
            let from = national.index(national.startIndex, offsetBy: start)
            return String(national[from..<(national.index(from, offsetBy: min(3, national.count - start)))])
        }
        switch random.next() % 12 {
        case 0: return nanp ? national : "0" + national
        case 1: return "+\(code) \(grouped.joined(separator: " "))"
        case 2: return "00 \(code) \(grouped.joined(separator: " "))"
        case 3: return nanp ? "(\(national.prefix(3))) \(national.dropFirst(3).prefix(3))-\(national.suffix(4))" : "0\(grouped.joined(separator: "-"))"
        case 4: return "+\(code).\(grouped.joined(separator: "."))"
        case 5: return "+\(code) (0)\(national)"
        case 6: return "+\(code)\(national) ext. \(random.next() % 900 + 10)"
        case 7: return digits(Int(3 + random.next() % 4))  // too short to be a number
        case 8: return String(repeating: "0", count: Int(5 + random.next() % 6))
        case 9: return ["☎", "n/a", "call me", "---", "+", "1-800-FLOWERS"][Int(random.next() % 6)]
        case 10: return "+\(code)\(national)"
        default: return nanp ? "1-\(national.prefix(3))-\(national.dropFirst(3).prefix(3))-\(national.suffix(4))" : "0" + grouped.joined(separator: " ")
        }
    }
}
