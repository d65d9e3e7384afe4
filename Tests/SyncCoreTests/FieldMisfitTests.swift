import Foundation
import SyncCore
import Testing

/// Values that are fine on their own side but that the other side's field cannot take: the
/// field becomes a misfit issue carrying the value and the reason (the planner holds just that
/// field), never a silent blank and never a failed run.
struct FieldMisfitTests {
    /// (mapping key, side the value is on, the value as JSON, words the reason must contain).
    static let misfits: [(String, Side, String, String)] = [
        ("member_level", .fulcrum, #"{"choice_values": [], "other_values": ["Platinum"]}"#, "\"Platinum\" is not an option of the GHL SINGLE_OPTIONS field"),
        ("interests", .fulcrum, #"{"choice_values": ["boats"], "other_values": ["Rockets"]}"#, "\"Rockets\" is not an option of the GHL MULTIPLE_OPTIONS field"),
        ("headcount", .fulcrum, #""about 40""#, "\"about 40\" is not a number, and GHL NUMERICAL fields take only numbers"),
        ("member_since", .fulcrum, #""next spring""#, "\"next spring\" is not a date GHL can read"),
        ("address.country", .fulcrum, #""Atlantis""#, "\"Atlantis\" is not a country GHL knows"),
        ("contact_method", .ghl, #""carrier pigeon""#, "\"carrier pigeon\" is not a choice of the Fulcrum field"),
        ("services", .ghl, #"["Design", "Demolition"]"#, "\"Demolition\" is not a choice of the Fulcrum field"),
        ("vip", .ghl, #""Maybe""#, "\"Maybe\" is neither of the Fulcrum yes/no field's answers"),
        ("newsletter", .ghl, #"["Yes", "No"]"#, "is neither of the Fulcrum yes/no field's answers"),
        ("renewal_date", .ghl, #""someday""#, "\"someday\" is not a date Fulcrum can store"),
    ]

    @Test(arguments: misfits)
    func aValueTheOtherSideCannotTakeIsAMisfitWithItsValueAndReason(
        _ key: String, _ side: Side, _ value: String, _ reason: String
    ) throws {
        let mapping = try TypedMapping.resolved()
        let state = side == .fulcrum
            ? try FulcrumProjection(mapping: mapping).project(TypedMapping.record(mapping, key, value))
            : try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, key, value))
        #expect(state.fields[key] == nil, "a misfit is not a value to sync")
        let issue = try #require(state.issues.first { $0.field == key })
        #expect(issue.misfit)
        #expect(issue.reason.contains(reason), "\(issue.reason)")
        #expect(!issue.value.isEmpty)
    }

    @Test func aValueThatFlowsNowhereIsNotCheckedAgainstTheOtherSide() throws {
        // score and category flow to GHL only: what GHL holds there is never written to Fulcrum.
        let mapping = try TypedMapping.resolved()
        let state = try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, "score", #""n/a""#))
        #expect(state.issues.isEmpty)
    }

    @Test func aFreeTextChoiceIsFineWhereTheFulcrumFieldTakesOtherValues() throws {
        let mapping = try TypedMapping.resolved()
        let state = try GHLProjection(mapping: mapping).project(TypedMapping.contact(mapping, "interests", #"["Boats", "Kites"]"#))
        #expect(state.issues.isEmpty)
        #expect(state.fields["interests"] != nil)
    }

    @Test func aLinkedPairHoldsOnlyTheMisfitFieldAndSyncsTheRest() throws {
        let planner = Planner(settings: PlannerSettings(mapping: try TypedMapping.resolved()))
        let base = PairBase(fulcrumId: "f-1", contactId: "G1", fields: [
            "nickname": FieldValue(canonical: "Ada", text: "Ada"),
        ])
        var fulcrum = RecordState(id: "f-1", fields: ["nickname": FieldValue(canonical: "Countess", text: "Countess")], linkId: "G1")
        fulcrum.issues = [FieldIssue(field: "member_level", value: "Platinum", reason: "not an option", misfit: true)]
        let ghl = RecordState(id: "G1", fields: ["nickname": FieldValue(canonical: "Ada", text: "Ada")], linkId: "f-1")
        let outcome = planner.planPair(base: base, fulcrum: fulcrum, ghl: ghl)
        #expect(outcome.held.map(\.field) == ["member_level"])
        #expect(outcome.held.first?.reason.contains("not an option") == true)
        let update = try #require(outcome.pair?.operations.first { $0.side == .ghl && $0.kind == .update })
        #expect(update.fields.keys.sorted() == ["nickname"])
    }

    @Test func aNewRecordWithAMisfitIsCreatedWithoutThatFieldWhichIsHeld() throws {
        let planner = Planner(settings: PlannerSettings(mapping: try TypedMapping.resolved()))
        var record = RecordState(id: "f-new", fields: [
            "email": FieldValue(canonical: "new@example.com", text: "new@example.com"),
        ])
        record.issues = [FieldIssue(field: "headcount", value: "about 40", reason: "\"about 40\" is not a number", misfit: true)]
        let outcomes = planner.planUnlinked(fulcrum: [record], ghl: [])
        let create = try #require(outcomes.compactMap(\.pair).flatMap(\.operations).first { $0.kind == .create })
        #expect(create.side == .ghl)
        #expect(create.fields["headcount"] == nil)
        #expect(create.fields["email"] != nil)
        let held = outcomes.flatMap(\.held)
        #expect(held.map(\.field) == ["headcount"])
        #expect(held.first?.reason.contains("about 40") == true)
    }

    @Test func aMisfitDoesNotStopADeleteFromFollowingTheDeletedPartner() throws {
        let planner = Planner(settings: PlannerSettings(mapping: try TypedMapping.resolved()))
        let base = PairBase(fulcrumId: "f-1", contactId: "G1", fields: ["nickname": FieldValue(canonical: "Ada", text: "Ada")])
        var fulcrum = RecordState(id: "f-1", fields: ["nickname": FieldValue(canonical: "Ada", text: "Ada")], linkId: "G1")
        fulcrum.issues = [FieldIssue(field: "member_level", value: "Platinum", reason: "not an option", misfit: true)]
        let outcome = planner.planPair(base: base, fulcrum: fulcrum, ghl: nil)
        #expect(outcome.held.isEmpty)
        #expect(outcome.pair?.operations.map(\.kind) == [.delete])
    }

    @Test func aRecordWithAnInvalidEmailIsStillHeldWhole() throws {
        let planner = Planner(settings: PlannerSettings(mapping: try TypedMapping.resolved()))
        var record = RecordState(id: "f-bad")
        record.issues = [FieldIssue(field: "email", value: "a@@b", reason: "not a valid email address")]
        let outcomes = planner.planUnlinked(fulcrum: [record], ghl: [])
        #expect(outcomes.compactMap(\.pair).isEmpty)
        #expect(outcomes.flatMap(\.held).map(\.field) == ["email"])
    }
}
