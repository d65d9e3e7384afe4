import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 11 item 1: a phone never merges two people. Junk phones are never match keys
/// (libphonenumber decides validity), and a phone shared by records whose emails differ is held.
struct PhoneMatchingTests {
    func plan(fulcrum: [String], ghl: [String]) throws -> (outcomes: [PairOutcome], pairs: [(String, String)]) {
        let mapping = try SharedMapping.resolved()
        let fProjection = FulcrumProjection(mapping: mapping)
        let gProjection = GHLProjection(mapping: mapping)
        let planner = Planner(settings: PlannerSettings(mapping: mapping))
        let outcomes = planner.planUnlinked(
            fulcrum: try fulcrum.map { try fProjection.project(SharedMapping.object($0)) },
            ghl: try ghl.map { try gProjection.project(SharedMapping.object($0)) })
        let pairs = outcomes.compactMap(\.pair).compactMap { pair in
            pair.fulcrumId.flatMap { f in pair.contactId.map { (f, $0) } }
        }
        return (outcomes, pairs)
    }

    static func json(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }

    @Test(arguments: HostileCorpus.junkPhones())
    func aJunkPhoneOnBothSidesNeverMatchesTwoRecords(_ phone: String) throws {
        let (outcomes, pairs) = try plan(
            fulcrum: [#"{"id": "f-1", "form_values": {"f101": "Alice", "f104": \#(Self.json(phone))}}"#],
            ghl: [#"{"id": "c-1", "firstName": "Bob", "phone": \#(Self.json(phone))}"#])
        #expect(pairs.isEmpty, "matched on \(phone)")
        #expect(outcomes.flatMap(\.held).allSatisfy { $0.field != "phone" }, "a junk phone is not a key, so it holds nobody either")
    }

    @Test(arguments: HostileCorpus.sharedPhones())
    func aPhoneSharedByTwoPeopleWhoseEmailsDifferIsHeldNotMerged(_ phone: HostileCorpus.SharedPhone) throws {
        let (outcomes, pairs) = try plan(
            fulcrum: [#"{"id": "f-alice", "form_values": {"f101": "Alice", "f103": "alice@example.com", "f104": \#(Self.json(phone.fulcrum))}}"#],
            ghl: [#"{"id": "c-bob", "firstName": "Bob", "email": "bob@example.com", "phone": \#(Self.json(phone.ghl))}"#])
        #expect(pairs.isEmpty)
        let held = outcomes.flatMap(\.held)
        #expect(Set(held.compactMap { $0.fulcrumId ?? $0.contactId }) == ["f-alice", "c-bob"])
        #expect(held.allSatisfy { $0.field == "phone" && $0.reason.contains("alice@example.com") && $0.reason.contains("bob@example.com") })
        let operations = outcomes.flatMap { $0.pair?.operations ?? [] }
        #expect(operations.isEmpty, "nothing is written for either person")
    }

    @Test(arguments: [("+15551234567", false), ("+14155550102", true), ("+442079460958", true), ("+11111111111", false),
                      ("00000", false), ("+14155550102;ext=12", true), ("+999123456789", false)])
    func libphonenumberDecidesWhichCanonicalPhonesAreMatchKeys(_ canonical: String, _ valid: Bool) {
        #expect(PhoneNumberCheck.isValidMatchKey(canonical) == valid)
    }

    @Test(arguments: [
        ("06 6982 1234", "IT", "+390669821234"),  // Italy keeps its trunk 0 in E.164
        ("+39 06 6982 1234", "US", "+390669821234"),
        ("(415) 555-0102", "US", "+14155550102"),
        ("+44 (0)20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
    ])
    func aValidPhoneComparesInLibphonenumbersE164AndIsAMatchKey(_ typed: String, _ region: String, _ e164: String) {
        guard case .value(let value) = ValueNormaliser(phoneRegion: region).normalise(typed, as: .phone) else {
            Issue.record("\(typed) did not normalise")
            return
        }
        #expect(value.canonical == e164)
        #expect(PhoneNumberCheck.isValidMatchKey(value.canonical))
    }
}
