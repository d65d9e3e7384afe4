import Foundation
import SyncCore
import Testing

/// The child planner applies a person's decision on a manual conflict as the contact planner
/// does, and links an item to the agreed child that names its item id (a create whose answer
/// was lost, found again by `Recovery`).
struct ChildPlannerDecisionTests {
    static let manual = ChildPlanner(rules: [.init(kind: .note, policy: .manual)])

    static func conflicted() -> PairChildren {
        PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [ChildPlannerTests.base("n1", item: "i1", "a")],
            fulcrum: [ChildPlannerTests.note("n1", item: "i1", "from fulcrum")], ghl: [ChildPlannerTests.note("n1", "from ghl")])
    }

    static func decision(_ choice: ConflictDecision.Choice) -> [String: ConflictDecision] {
        ["notes[n1].body": ConflictDecision(fulcrumId: "f1", contactId: "c1", field: "notes[n1].body", choice: choice)]
    }

    @Test func aManualChildConflictWithNoDecisionWritesNothing() {
        let outcome = Self.manual.plan(Self.conflicted())
        #expect(ChildPlannerTests.summary(outcome) == [])
        #expect(outcome.conflicts.map(\.rule) == ["manual"])
        #expect(outcome.conflicts.first?.winner == nil)
    }

    /// Decision -> the writes, the agreed body.
    @Test(arguments: [
        (ConflictDecision.Choice.fulcrum, ["ghl updateNote body=from fulcrum"], "from fulcrum"),
        (.ghl, ["fulcrum updateNote body=from ghl"], "from ghl"),
        (.base, ["ghl updateNote body=a", "fulcrum updateNote body=a"], "a"),
        (.value(ChildPlannerTests.v("typed")), ["ghl updateNote body=typed", "fulcrum updateNote body=typed"], "typed"),
    ] as [(ConflictDecision.Choice, [String], String)])
    func aDecidedChildConflictWritesTheDecisionWhereItIsMissing(_ choice: ConflictDecision.Choice, _ writes: [String], _ agreed: String) {
        let outcome = Self.manual.plan(Self.conflicted(), decisions: Self.decision(choice))
        #expect(ChildPlannerTests.summary(outcome) == writes)
        #expect(outcome.conflicts.map(\.rule) == ["manual-decision"])
        #expect(outcome.planned?.newBase.first?.fields["body"]?.canonical == agreed)
    }

    @Test func anItemWithoutALinkThatAnAgreedChildNamesIsLinkedAndItsEditIsAnUpdate() {
        // Recovery found GHL note n1 created from item i1 with body "sent"; the item was edited since.
        let pair = PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [ChildPlannerTests.base("n1", item: "i1", "sent")],
            fulcrum: [ChildPlannerTests.note(nil, item: "i1", "edited")], ghl: [ChildPlannerTests.note("n1", "sent")])
        let outcome = ChildPlannerTests.planner.plan(pair)
        #expect(ChildPlannerTests.summary(outcome) == ["ghl updateNote body=edited", "fulcrum linkChild"])
        #expect(outcome.planned?.operations.last?.childId == "n1")
        #expect(outcome.planned?.newBase == [ChildPlannerTests.base("n1", item: "i1", "edited")])
    }
}
