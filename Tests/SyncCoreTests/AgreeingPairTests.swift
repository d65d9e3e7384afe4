import Foundation
import Testing
@testable import SyncCore

/// The planner's shortcut for the usual nightly pair: both sides agree with the base.
@Suite struct AgreeingPairTests {
    static let planner = Planner(settings: PlannerSettings(fields: [.init(key: "name"), .init(key: "phone")]))
    static let base = PairBase(
        fulcrumId: "f1", contactId: "c1",
        fields: ["name": FieldValue(canonical: "ada", text: "Ada"), "phone": FieldValue(canonical: "+14155550101", text: "+14155550101")],
        tags: TagSet(["vip"]))

    static func side(_ id: String, link: String, name: String = "Ada", phone: String = "+14155550101", tags: [String] = ["vip"]) -> RecordState {
        RecordState(
            id: id, fields: ["name": FieldValue(canonical: name.lowercased(), text: name), "phone": FieldValue(canonical: "+14155550101", text: phone)],
            tags: TagSet(tags), linkId: link)
    }

    @Test(arguments: [
        ("the base's own spellings", "Ada", "+14155550101", ["vip"]),
        ("a name in capitals", "ADA", "+14155550101", ["vip"]),
        ("a phone written for people", "Ada", "(415) 555-0101", ["vip"]),
        ("a tag spelled another way", "Ada", "+14155550101", ["VIP"]),
    ])
    func aPairWhoseSidesAgreeWithItsBasePlansNothing(_ spelling: String, _ name: String, _ phone: String, _ tags: [String]) {
        let fulcrum = Self.side("f1", link: "c1", name: name, phone: phone, tags: tags)
        let ghl = Self.side("c1", link: "f1")
        #expect(Planner.agree(base: Self.base, fulcrum: fulcrum, ghl: ghl), "\(spelling)")
        let outcome = Self.planner.planPair(base: Self.base, fulcrum: fulcrum, ghl: ghl)
        #expect(outcome.pair == nil && outcome.conflicts.isEmpty && outcome.held.isEmpty)
        // What the full three-way merge finds too.
        let merged = Self.planner.merge(base: Self.base, fulcrum: fulcrum, ghl: ghl)
        #expect(merged.pair == nil && merged.conflicts.isEmpty && merged.held.isEmpty, "\(spelling)")
    }

    @Test(arguments: [
        ("another name", Self.side("f1", link: "c1", name: "Grace")),
        ("another tag", Self.side("f1", link: "c1", tags: ["vip", "lead"])),
        ("a link to another contact", Self.side("f1", link: "c9")),
        ("an issue", RecordState(id: "f1", fields: Self.side("f1", link: "c1").fields, tags: TagSet(["vip"]), linkId: "c1",
                                 issues: [FieldIssue(field: "email", value: "ada@", reason: "not an email")])),
    ])
    func aPairIsMergedInFullWhenASideHas(_ difference: String, _ fulcrum: RecordState) {
        #expect(!Planner.agree(base: Self.base, fulcrum: fulcrum, ghl: Self.side("c1", link: "f1")), "\(difference)")
    }
}
