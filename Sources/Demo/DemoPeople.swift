import Foundation

/// A deterministic cast of people for the demo: realistic names, emails and phones, written
/// differently on each side the way real data is (email case, phone formats).
struct DemoPeople {
    struct Person {
        var first: String
        var last: String
        var email: String?
        var phone: String
        var company: String
        var tags: [String]
    }

    static let firstNames = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret",
                             "Dennis", "Radia", "Ken", "Hedy", "Tim", "Sophie", "Linus", "Annie", "Vint", "Mary"]
    static let lastNames = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy",
                            "Hamilton", "Ritchie", "Perlman", "Thompson", "Lamarr", "Berners-Lee", "Wilson", "Torvalds",
                            "Easley", "Cerf", "Keller"]
    static let companies = ["Analytical Engines", "Navy Labs", "Bletchley Park", "NASA Langley", "Mathematisch Centrum",
                            "CLU Works", "TeX Users", "IBM Research", "Stanford AI Lab", "MIT Draper"]
    static let tagPool = ["VIP", "Lead", "Customer", "Newsletter", "Event 2026"]

    /// Person `index` of the cast.
    static func person(_ index: Int) -> Person {
        let first = firstNames[index % firstNames.count]
        let last = lastNames[(index / firstNames.count + index) % lastNames.count]
        let local = "\(first).\(last)\(index)".lowercased().replacingOccurrences(of: "-", with: "")
        let phone = "+1415555\(String(format: "%04d", 1000 + index))"
        var tags: [String] = []
        for (offset, tag) in tagPool.enumerated() where (index + offset) % 4 == 0 { tags.append(tag) }
        return Person(
            first: first, last: last, email: index % 7 == 3 ? nil : "\(local)@example.com", phone: phone,
            company: companies[index % companies.count], tags: tags)
    }

    /// How the Fulcrum side writes a phone: national formats with punctuation.
    static func fulcrumPhone(_ e164: String, _ index: Int) -> String {
        let digits = String(e164.dropFirst(2))
        let area = digits.prefix(3), exchange = digits.dropFirst(3).prefix(3), line = digits.suffix(4)
        switch index % 3 {
        case 0: return "(\(area)) \(exchange)-\(line)"
        case 1: return "+1 \(area).\(exchange).\(line)"
        default: return "\(area)-\(exchange)-\(line)"
        }
    }
}
