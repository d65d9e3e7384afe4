import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 9 items 1, 2 and 6: children are diffed three-way per field like contacts, modify
/// beats delete, creates go both ways, deletes follow `deletes.mode`, appointments one way.
struct ChildPlannerTests {
    static let planner = ChildPlanner(rules: [.init(kind: .note), .init(kind: .task), .init(kind: .appointment)])

    static func v(_ text: String) -> FieldValue { FieldValue(canonical: text, text: text) }

    static func note(_ ghlId: String?, item: String? = nil, _ body: String?, at seconds: Double? = nil) -> ChildItem {
        ChildItem(kind: .note, ghlId: ghlId, fulcrumItemId: item, fields: body.map { ["body": v($0)] } ?? [:],
                  updatedAt: seconds.map { Date(timeIntervalSince1970: $0) })
    }

    static func base(_ ghlId: String, item: String, _ body: String?, kind: ChildKind = .note, field: String = "body") -> ChildBase {
        ChildBase(kind: kind, ghlId: ghlId, fulcrumItemId: item, fields: body.map { [field: v($0)] } ?? [:])
    }

    static func summary(_ outcome: ChildPlanner.Outcome) -> [String] {
        (outcome.planned?.operations ?? []).map { operation in
            let fields = operation.fields.keys.sorted().map { "\($0)=\(operation.fields[$0]!?.text ?? "nil")" }.joined(separator: ",")
            return "\(operation.side.rawValue) \(operation.kind.rawValue)\(fields.isEmpty ? "" : " \(fields)")"
        }
    }

    /// The three-way table of DESIGN.md, for a note's body (base, Fulcrum, GHL -> writes, agreed).
    @Test(arguments: [
        ("F == G == base", "a", "a", "a", [String](), nil as String?, false),
        ("F == base, G changed", "a", "a", "b", ["fulcrum updateNote body=b"], "b", false),
        ("G == base, F changed", "a", "b", "a", ["ghl updateNote body=b"], "b", false),
        ("both changed to the same", "a", "b", "b", [], "b", false),
        ("both changed, differ (GHL newer)", "a", "b", "c", ["fulcrum updateNote body=c"], "c", true),
        ("cleared on one side", "a", nil, "a", ["ghl updateNote body=nil"], nil, false),
    ] as [(String, String?, String?, String?, [String], String?, Bool)])
    func aNoteFollowsTheThreeWayTable(
        _ row: String, _ b: String?, _ f: String?, _ g: String?, _ writes: [String], _ agreed: String?, _ conflict: Bool
    ) {
        let pair = PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [Self.base("n1", item: "i1", b)],
            fulcrum: [Self.note("n1", item: "i1", f, at: 100)], ghl: [Self.note("n1", g, at: 200)])
        let outcome = Self.planner.plan(pair)
        #expect(Self.summary(outcome) == writes, "\(row)")
        #expect(outcome.conflicts.count == (conflict ? 1 : 0), "\(row)")
        if b == f && f == g {
            #expect(outcome.planned == nil, "\(row): nothing changes")
        } else {
            #expect(outcome.planned?.newBase == [ChildBase(kind: .note, ghlId: "n1", fulcrumItemId: "i1", fields: agreed.map { ["body": Self.v($0)] } ?? [:])], "\(row)")
        }
    }

    @Test func aNoteEditedOnBothSidesIsAConflictNamingTheNoteAndItsField() throws {
        let pair = PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [Self.base("n1", item: "i1", "a")],
            fulcrum: [Self.note("n1", item: "i1", "from fulcrum", at: 300)], ghl: [Self.note("n1", "from ghl", at: 200)])
        let conflict = try #require(Self.planner.plan(pair).conflicts.first)
        #expect(conflict.field == "notes[n1].body")
        #expect(conflict.winner == .fulcrum)
        #expect(conflict.rule == "newest-record")
        #expect(conflict.ghl?.text == "from ghl", "the losing value is kept in the report")
    }

    @Test func aFirstMatchOfTheSameNoteRecordsItsBaseWithoutWriting() {
        let pair = PairChildren(fulcrumId: "f1", contactId: "c1", fulcrum: [Self.note("n1", item: "i1", "a")], ghl: [Self.note("n1", "a")])
        let outcome = Self.planner.plan(pair)
        #expect(outcome.planned?.operations == [])
        #expect(outcome.planned?.newBase == [Self.base("n1", item: "i1", "a")])
    }

    @Test func aNoteAddedInGHLIsCreatedInFulcrumCarryingItsGHLId() {
        let outcome = Self.planner.plan(PairChildren(fulcrumId: "f1", contactId: "c1", ghl: [Self.note("n9", "call back")]))
        #expect(Self.summary(outcome) == ["fulcrum createNote body=call back"])
        #expect(outcome.planned?.operations.first?.childId == "n9")
        #expect(outcome.planned?.newBase == [Self.base("n9", item: "", "call back")])
    }

    @Test func aNoteAddedInFulcrumIsCreatedInGHLAndItsIdWrittenBackOnTheItem() {
        let outcome = Self.planner.plan(PairChildren(fulcrumId: "f1", contactId: "c1", fulcrum: [Self.note(nil, item: "i9", "left a card")]))
        #expect(Self.summary(outcome) == ["ghl createNote body=left a card", "fulcrum linkChild"])
        #expect(outcome.planned?.operations.map(\.childItemId) == ["i9", "i9"])
    }

    @Test func theSameNoteAddedOnBothSidesIsLinkedNotDuplicated() {
        let outcome = Self.planner.plan(PairChildren(
            fulcrumId: "f1", contactId: "c1", fulcrum: [Self.note(nil, item: "i9", "Met on site")], ghl: [Self.note("n9", "Met on site")]))
        #expect(Self.summary(outcome) == ["fulcrum linkChild"])
        #expect(outcome.planned?.operations.first?.childId == "n9")
    }

    @Test(arguments: [
        // (deleted side, survivor changed, mode) -> writes
        (Side.ghl, false, DeleteMode.propagate, ["fulcrum deleteNote"]),
        (.ghl, true, .propagate, ["ghl createNote body=edited", "fulcrum linkChild"]),
        (.fulcrum, false, .propagate, ["ghl deleteNote"]),
        (.fulcrum, true, .propagate, ["fulcrum createNote body=edited"]),
        (.ghl, true, .ignore, []),
        (.fulcrum, false, .archive, []),
    ])
    func aNoteDeletedOnOneSideFollowsModifyBeatsDeleteAndTheDeleteMode(_ deleted: Side, _ changed: Bool, _ mode: DeleteMode, _ writes: [String]) {
        let planner = ChildPlanner(rules: [.init(kind: .note)], deleteMode: mode)
        let survivor = changed ? "edited" : "a"
        let pair = PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [Self.base("n1", item: "i1", "a")],
            fulcrum: deleted == .fulcrum ? [] : [Self.note("n1", item: "i1", survivor)],
            ghl: deleted == .ghl ? [] : [Self.note("n1", survivor)])
        let outcome = planner.plan(pair)
        #expect(Self.summary(outcome) == writes)
        if mode != .propagate {
            #expect(outcome.planned?.newBase.first?.deletedSide == deleted, "the survivor is tombstoned, never re-created")
            var world = ChildWorld(base: pair.base, fulcrum: pair.fulcrum, ghl: pair.ghl)
            world.apply(outcome.planned)
            #expect(planner.plan(world.pair()).planned == nil, "the tombstone stays quiet on the next run")
        }
    }

    @Test(arguments: [
        (["completed": "true"], ["ghl completeTask completed=true"]),
        (["completed": "true", "title": "Call Ada"], ["ghl updateTask completed=true,title=Call Ada"]),
    ])
    func aTaskCompletedAloneUsesTheCompletedCallAndWithOtherEditsAnUpdate(_ edits: [String: String], _ writes: [String]) {
        let before = ["title": Self.v("Call")]
        var after = before
        for (key, value) in edits { after[key] = Self.v(value) }
        let pair = PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [ChildBase(kind: .task, ghlId: "t1", fulcrumItemId: "i1", fields: before)],
            fulcrum: [ChildItem(kind: .task, ghlId: "t1", fulcrumItemId: "i1", fields: after)],
            ghl: [ChildItem(kind: .task, ghlId: "t1", fields: before)])
        #expect(Self.summary(Self.planner.plan(pair)) == writes)
    }

    @Test func aNoteWhoseLinkPointsAtANoteGHLDoesNotListIsHeldNotRecreated() {
        let outcome = Self.planner.plan(PairChildren(fulcrumId: "f1", contactId: "c1", fulcrum: [Self.note("n-gone", item: "i1", "x")]))
        #expect(outcome.planned == nil)
        #expect(outcome.held.count == 1)
        #expect(outcome.held.first?.reason.contains("n-gone") == true)
        #expect(outcome.held.first?.reason.contains("clear its link field") == true)
    }
}
