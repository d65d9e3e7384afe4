import Foundation
import SyncCore
import SyncStore

/// One generated linked pair: its agreed base and each side's current record, with raw JSON
/// shaped like a Fulcrum record and a GHL contact.
///
/// Pair `i` is derived from `seed` and `i` alone, so sides can be generated independently (and
/// in parallel) and agree on the base.
struct SyntheticPair {
    static let fieldKeys = ["first_name", "last_name", "email", "phone", "company"]
    static let firstNames = [
        "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Ken", "Margaret", "Linus", "Radia", "Tim", "Frances",
        "John", "Mary", "Dennis", "Bjarne", "Guido", "Katherine", "Leslie", "Niklaus", "Sophie", "Yukihiro", "Anders",
        "Hedy", "Claude", "Joan", "Robin", "Shafi", "Whitfield", "Carol",
    ]
    static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Thompson", "Hamilton", "Torvalds", "Perlman",
        "Berners-Lee", "Allen", "McCarthy", "Kenneth", "Ritchie", "Stroustrup", "van Rossum", "Johnson", "Lamport",
        "Wirth", "Wilson", "Matsumoto", "Hejlsberg", "Lamarr", "Shannon", "Clarke", "Milner", "Goldwasser", "Diffie",
        "Shaw",
    ]
    static let companies = [
        "Acme Surveying", "Northwind Utilities", "Blue Ridge Forestry", "Harbor Inspections", "Summit Field Services",
        "Prairie Water Co", "Coastal Environmental", "Granite Construction Partners", "Riverbend Ag", "Metro Transit Audit",
    ]
    static let tagPool = ["VIP", "lead", "customer", "newsletter", "partner", "inspection-due", "west", "east"]
    static let domains = ["example.com", "mail.test", "fieldco.example", "contoso.example"]
    /// Every subset of `tagPool` by bit mask, built once: folding tags is costly and the
    /// generator must not dominate what it measures.
    static let tagSets: [TagSet] = (0..<(1 << tagPool.count)).map { mask in
        TagSet(tagPool.indices.filter { mask & (1 << $0) != 0 }.map { tagPool[$0] })
    }
    static let renewalTagSets: [TagSet] = tagSets.map { set in
        var copy = set
        copy.insert("renewal")
        return copy
    }
    /// Each tag set's JSON array body (`"a","b"`), by mask, spelled in folded-key order.
    static let tagJSON: [String] = tagSets.map(Self.tagList)
    static let renewalTagJSON: [String] = renewalTagSets.map(Self.tagList)
    /// The names' lower-case forms (and the last name's without spaces, for the email), made
    /// once: folding a string per record cost as much as the store's own encoding of it.
    static let lowerFirstNames = firstNames.map { $0.lowercased() }
    static let lowerLastNames = lastNames.map { $0.lowercased() }
    static let emailLastNames = lastNames.map { $0.filter { $0 != " " } }
    static let lowerEmailLastNames = emailLastNames.map { $0.lowercased() }
    static let lowerCompanies = companies.map { $0.lowercased() }
    static let formId = "7a0c3378-b63a-4707-b459-df499698f23c"
    static let locationId = "ve9EPM428h8vShlRW1KT"
    static let baseTime = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    let fulcrumId: String
    let contactId: String
    let base: PairBase
    let fulcrum: RecordState
    let ghl: RecordState
    let version: Int
    /// The pair's tags as a `tagPool` bit mask; Fulcrum's add "renewal" when `fulcrumRenewed`.
    let tagMask: Int
    let fulcrumRenewed: Bool
    /// What each side's raw JSON spells, kept so that writing it looks nothing up.
    let fulcrumSpellings: Spellings
    let ghlSpellings: Spellings
    /// The names' positions in `firstNames` and `lastNames` (GHL's `contactName` is their folded forms).
    let nameIndices: (first: Int, last: Int)

    /// The field texts a side's raw JSON writes.
    struct Spellings {
        var first: String
        var last: String
        var email: String
        var phone: String
        var company: String
    }

    /// The generator of pair `index`; the Fulcrum id is its first draw.
    static func generator(index: Int, seed: UInt64) -> SplitMix64 {
        SplitMix64(seed: seed ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D))
    }

    /// Sorts as pair `index`'s Fulcrum id does, without making the string: the id is the hex of
    /// two draws, less the two nibbles `uuid` overwrites. A million of these take 16 MB where
    /// the ids took about 70 MB, which counted in the benchmark's peak memory.
    static func fulcrumIdOrder(index: Int, seed: UInt64) -> (UInt64, UInt64) {
        var rng = generator(index: index, seed: seed)
        return (rng.next() & ~(0xF << 12), rng.next() & ~(0xF << 60))
    }

    init(index: Int, seed: UInt64, changed: Double) {
        var rng = Self.generator(index: index, seed: seed)
        fulcrumId = Self.uuid(&rng)
        contactId = Self.ghlId(&rng)
        let firstIndex = Int(rng.next() % UInt64(Self.firstNames.count))
        let lastIndex = Int(rng.next() % UInt64(Self.lastNames.count))
        let first = Self.firstNames[firstIndex]
        let last = Self.lastNames[lastIndex]
        let domain = Self.domains[Int(rng.next() % UInt64(Self.domains.count))]
        let email = Self.email(first, Self.emailLastNames[lastIndex], index, domain)
        let canonicalEmail = Self.email(Self.lowerFirstNames[firstIndex], Self.lowerEmailLastNames[lastIndex], index, domain)
        let phone = Self.phone(&rng)
        let companyIndex = Int(rng.next() % UInt64(Self.companies.count))
        var tagMask = 0
        for bit in 0..<Self.tagPool.count where rng.next() % 4 == 0 { tagMask |= 1 << bit }
        self.tagMask = tagMask
        nameIndices = (firstIndex, lastIndex)
        var spellings = Spellings(first: first, last: last, email: email, phone: phone, company: Self.companies[companyIndex])

        let fields: [String: FieldValue] = [
            "first_name": FieldValue(canonical: Self.lowerFirstNames[firstIndex], text: first),
            "last_name": FieldValue(canonical: Self.lowerLastNames[lastIndex], text: last),
            "email": FieldValue(canonical: canonicalEmail, text: email),
            "phone": FieldValue(canonical: phone, text: phone),
            "company": FieldValue(canonical: Self.lowerCompanies[companyIndex], text: Self.companies[companyIndex]),
        ]
        base = PairBase(fulcrumId: fulcrumId, contactId: contactId, fields: fields, tags: Self.tagSets[tagMask])
        let updated = Self.baseTime.addingTimeInterval(Double(rng.next() % 10_000_000) / 1000)
        version = 1 + Int(rng.next() % 9)

        var fulcrumFields = fields
        var fulcrumTags = Self.tagSets[tagMask]
        var fulcrumUpdated = updated
        fulcrumRenewed = Double(rng.next() % 1_000_000) / 1_000_000 < changed
        var fulcrumSpellings = spellings
        if fulcrumRenewed {
            let newPhone = Self.phone(&rng)
            fulcrumFields["phone"] = FieldValue(canonical: newPhone, text: newPhone)
            fulcrumSpellings.phone = newPhone
            fulcrumTags = Self.renewalTagSets[tagMask]
            fulcrumUpdated += 3600
        }
        var ghlFields = fields
        var ghlUpdated = updated
        if Double(rng.next() % 1_000_000) / 1_000_000 < changed {
            let newCompany = Self.companies[Int(rng.next() % UInt64(Self.companies.count))] + " LLC"
            ghlFields["company"] = FieldValue(canonical: newCompany.lowercased(), text: newCompany)
            spellings.company = newCompany
            ghlUpdated += 7200
        }
        self.fulcrumSpellings = fulcrumSpellings
        ghlSpellings = spellings
        fulcrum = RecordState(
            id: fulcrumId, fields: fulcrumFields, tags: fulcrumTags, linkId: contactId, updatedAt: fulcrumUpdated)
        ghl = RecordState(id: contactId, fields: ghlFields, tags: Self.tagSets[tagMask], linkId: fulcrumId, updatedAt: ghlUpdated)
    }

    /// The pair's Fulcrum side as the API returns it, with its projection.
    var fulcrumMirror: MirrorRecord {
        let f = fulcrumSpellings
        let updated = Self.iso(fulcrum.updatedAt ?? Self.baseTime)
        var raw = JSONText(capacity: 900)
        raw.append(#"{"id":""#, fulcrumId, #"","form_id":""#, Self.formId, #"","project_id":null,"status":"active","version":"#)
        raw.append(String(version))
        raw.append(#","created_at":"2025-06-01T12:00:00Z","updated_at":""#, updated, #"","client_created_at":"2025-06-01T11:59:41Z","#)
        raw.append(#""client_updated_at":""#, updated, #"","created_by":"Field Crew","created_by_id":"50633f84a934480d260001db","#)
        raw.append(#""updated_by":"Field Crew","updated_by_id":"50633f84a934480d260001db","assigned_to":null,"assigned_to_id":null,"#)
        raw.append(#""form_values":{"a1f0":""#, f.first, #"","b2e1":""#, f.last)
        raw.append(#"","c3d2":""#, f.email, #"","d4c3":""#, f.phone, #"","e5b4":""#)
        raw.append(f.company, #"","f6a5":{"choice_values":["#)
        raw.append(fulcrumRenewed ? Self.renewalTagJSON[tagMask] : Self.tagJSON[tagMask])
        raw.append(#"],"other_values":[]},"9ghl":""#, contactId, #""},"latitude":42.8208336,"longitude":-73.8936123,"#)
        raw.append(#""altitude":null,"speed":null,"course":null,"horizontal_accuracy":null,"vertical_accuracy":null}"#)
        return MirrorRecord(projection: fulcrum, raw: raw.string, version: version)
    }

    /// The pair's GHL side as the API returns it, with its projection.
    var ghlMirror: MirrorRecord {
        let g = ghlSpellings
        var raw = JSONText(capacity: 700)
        // GHL's contactName is the names lower-cased: their canonical values.
        raw.append(#"{"id":""#, contactId, #"","locationId":""#, Self.locationId, #"","contactName":""#)
        raw.append(Self.lowerFirstNames[nameIndices.first], " ", Self.lowerLastNames[nameIndices.last], #"","firstName":""#, g.first)
        raw.append(#"","lastName":""#, g.last, #"","email":""#, g.email, #"","phone":""#)
        raw.append(g.phone, #"","companyName":""#, g.company, #"","tags":["#)
        raw.append(Self.tagJSON[tagMask])
        raw.append(#"],"type":"lead","source":"fgsync","dnd":false,"dateAdded":"2025-06-01T12:00:00.000Z","dateUpdated":""#)
        raw.append(Self.iso(ghl.updatedAt ?? Self.baseTime), #"","customFields":[{"id":"fgsyncFulcrumId","value":""#)
        raw.append(fulcrumId, #""}]}"#)
        return MirrorRecord(projection: ghl, raw: raw.string)
    }

    /// The pair's record on `side`, as its API returns it.
    func mirror(_ side: Side) -> MirrorRecord {
        side == .fulcrum ? fulcrumMirror : ghlMirror
    }

    /// A tag set's JSON array body, its spellings quoted in folded-key order.
    static func tagList(_ tags: TagSet) -> String {
        tags.sortedSpellings.map { "\"\($0)\"" }.joined(separator: ",")
    }

    // MARK: - Pieces

    static let hexDigits = Array("0123456789abcdef".utf8)
    static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A version-4-shaped UUID from two draws, written byte by byte (String slicing cost more
    /// than the store's own work per record).
    static func uuid(_ rng: inout SplitMix64) -> String {
        let a = rng.next()
        let b = rng.next()
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var nibbles = 0
            for position in 0..<36 {
                switch position {
                case 8, 13, 18, 23: buffer[position] = UInt8(ascii: "-")
                case 14: buffer[position] = UInt8(ascii: "4"); nibbles += 1
                case 19: buffer[position] = UInt8(ascii: "a"); nibbles += 1
                default:
                    let word = nibbles < 16 ? a : b
                    let shift = UInt64(60 - 4 * (nibbles % 16))
                    buffer[position] = hexDigits[Int((word >> shift) & 0xF)]
                    nibbles += 1
                }
            }
            return 36
        }
    }

    /// `first.last<index>@domain`, written byte by byte: joining five strings made four
    /// intermediate ones, twice a pair.
    static func email(_ first: String, _ last: String, _ index: Int, _ domain: String) -> String {
        var first = first
        var last = last
        var domain = domain
        var digitCount = 1
        var rest = index / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        return first.withUTF8 { first in
            last.withUTF8 { last in
                domain.withUTF8 { domain in
                    let length = first.count + 1 + last.count + digitCount + 1 + domain.count
                    return String(unsafeUninitializedCapacity: length) { buffer in
                        var position = 0
                        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                            _ = UnsafeMutableBufferPointer(rebasing: buffer[position...]).initialize(fromContentsOf: bytes)
                            position += bytes.count
                        }
                        func put(_ byte: Unicode.Scalar) {
                            buffer[position] = UInt8(ascii: byte)
                            position += 1
                        }
                        put(first)
                        put(".")
                        put(last)
                        digits(index, width: digitCount, into: buffer, at: position)
                        position += digitCount
                        put("@")
                        put(domain)
                        return length
                    }
                }
            }
        }
    }

    static func ghlId(_ rng: inout SplitMix64) -> String {
        String(unsafeUninitializedCapacity: 20) { buffer in
            for position in 0..<20 { buffer[position] = idAlphabet[Int(rng.next() % UInt64(idAlphabet.count))] }
            return 20
        }
    }

    /// `+1` and ten digits: an area code, an exchange and a line, written digit by digit.
    static func phone(_ rng: inout SplitMix64) -> String {
        let area = Int(201 + rng.next() % 790)
        let exchange = Int(200 + rng.next() % 800)
        let line = Int(rng.next() % 10_000)
        return String(unsafeUninitializedCapacity: 12) { buffer in
            buffer[0] = UInt8(ascii: "+")
            buffer[1] = UInt8(ascii: "1")
            digits(area, width: 3, into: buffer, at: 2)
            digits(exchange, width: 3, into: buffer, at: 5)
            digits(line, width: 4, into: buffer, at: 8)
            return 12
        }
    }

    /// Writes `value` in decimal as exactly `width` digits (zero-padded) at `start`.
    static func digits(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var value = value
        for position in stride(from: start + width - 1, through: start, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }

    static func iso(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return isoFromMilliseconds(ms)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` by arithmetic, written digit by digit (Foundation's formatters
    /// cost microseconds each, and padding each part as a string a quarter of the generator's time).
    static func isoFromMilliseconds(_ ms: Int64) -> String {
        let days = Int(ms / 86_400_000)
        let msOfDay = Int(ms % 86_400_000)
        // Civil-from-days (Howard Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        precondition(year < 10_000, "four-digit years only")
        return String(unsafeUninitializedCapacity: 24) { buffer in
            digits(year, width: 4, into: buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            digits(month, width: 2, into: buffer, at: 5)
            buffer[7] = UInt8(ascii: "-")
            digits(day, width: 2, into: buffer, at: 8)
            buffer[10] = UInt8(ascii: "T")
            digits(msOfDay / 3_600_000, width: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            digits(msOfDay / 60_000 % 60, width: 2, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            digits(msOfDay / 1000 % 60, width: 2, into: buffer, at: 17)
            buffer[19] = UInt8(ascii: ".")
            digits(msOfDay % 1000, width: 3, into: buffer, at: 20)
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }
}
