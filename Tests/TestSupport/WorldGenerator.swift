import Foundation
import SyncCore

/// Generates random synced worlds and perturbs both sides, for property tests in the spirit of
/// Dropbox's CanopyCheck: small value pools make collisions (shared emails, equal edits, ties) common.
public struct WorldGenerator {
    /// The rules the world is planned under.
    public var settings: PlannerSettings
    /// The agreed state before perturbation.
    public var start: InMemoryWorld
    /// The state after both sides were edited independently.
    public var perturbed: InMemoryWorld

    static let emails = ["ada@example.com", "Ada@Example.com", "grace@example.com", "alan@example.org", "kj@nasa.gov"]
    static let phones = ["(415) 555-0101", "+1 415.555.0101", "+14155550102", "00 44 20 7946 0958", "555-1234"]
    static let names = ["Ada", "Grace", "Alan", "Katherine", "Edsger", " Ada "]
    static let tags = ["VIP", "vip", "lead", "customer", "Newsletter"]
    static let keys = ["email", "phone", "name", "company"]

    /// Builds a world from `seed`.
    public init(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let policies: [ConflictPolicy] = [.newest, .fulcrum, .ghl, .manual]
        let directions: [SyncDirection] = [.both, .both, .both, .toGHL, .toFulcrum]
        settings = PlannerSettings(
            fields: Self.keys.map {
                .init(key: $0, direction: random.pick(directions), policy: random.pick(policies))
            },
            matchKeys: .init(email: "email", phone: "phone"),
            deleteMode: random.pick([.propagate, .propagate, .archive, .ignore]),
            maxDelete: .fraction(1.0))
        let normaliser = ValueNormaliser(phoneRegion: "US")
        func value(_ key: String, _ random: inout SeededRandom) -> FieldValue? {
            let raw: String
            switch key {
            case "email": raw = random.pick(Self.emails)
            case "phone": raw = random.pick(Self.phones)
            case "name": raw = random.pick(Self.names)
            default: raw = random.pick(["Navy", "NASA", "", "Bletchley"])
            }
            let kind: FieldKind = key == "email" ? .email : key == "phone" ? .phone : .text
            if case .value(let v) = normaliser.normalise(raw, as: kind) { return v }
            return nil
        }
        func record(_ id: String, _ random: inout SeededRandom) -> RecordState {
            var state = RecordState(id: id)
            for key in Self.keys where random.chance(0.7) { state.fields[key] = value(key, &random) }
            state.tags = TagSet(Self.tags.filter { _ in random.chance(0.3) })
            return state
        }
        let times = [Date(timeIntervalSince1970: 1_700_000_000), Date(timeIntervalSince1970: 1_700_000_100)]

        var fulcrum: [RecordState] = []
        var ghl: [RecordState] = []
        var bases: [PairBase] = []
        for index in 0..<Int.random(in: 0...6, using: &random) {
            var f = record("f\(index)", &random)
            var g = f
            g.id = "g\(index)"
            f.linkId = g.id
            g.linkId = f.id
            fulcrum.append(f)
            ghl.append(g)
            bases.append(PairBase(fulcrumId: f.id, contactId: g.id, fields: f.fields, tags: f.tags))
        }
        start = InMemoryWorld(fulcrum: fulcrum, ghl: ghl, bases: bases)

        func perturb(_ records: inout [RecordState], prefix: String, _ random: inout SeededRandom) {
            records = records.compactMap { original in
                if random.chance(0.1) { return nil }
                var changed = original
                for key in Self.keys where random.chance(0.25) {
                    changed.fields[key] = random.chance(0.2) ? nil : value(key, &random)
                }
                if random.chance(0.3) { changed.tags.insert(random.pick(Self.tags)) }
                if random.chance(0.2), let tag = changed.tags.sortedSpellings.first { changed.tags.remove(tag) }
                changed.updatedAt = random.pick(times)
                return changed
            }
            for index in 0..<Int.random(in: 0...2, using: &random) {
                var fresh = record("\(prefix)new\(index)", &random)
                fresh.updatedAt = random.pick(times)
                records.append(fresh)
            }
        }
        perturb(&fulcrum, prefix: "f", &random)
        perturb(&ghl, prefix: "g", &random)
        perturbed = InMemoryWorld(fulcrum: fulcrum, ghl: ghl, bases: bases)
    }
}
