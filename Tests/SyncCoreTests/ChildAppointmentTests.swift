import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 9 item 2: appointments flow GHL -> Fulcrum only; a booking, a move and a cancel
/// update the Fulcrum item; an edit or delete on the Fulcrum side is left alone and reported.
struct ChildAppointmentTests {
    static let planner = ChildPlanner(rules: [.init(kind: .appointment)])
    static func v(_ text: String) -> FieldValue { FieldValue(canonical: text, text: text) }
    static let booked = ["title": v("Site visit"), "startTime": v("2026-12-01T15:00:00Z"), "status": v("booked")]

    static func world(fulcrum: [String: FieldValue]?, ghl: [String: FieldValue]?) -> PairChildren {
        PairChildren(
            fulcrumId: "f1", contactId: "c1", base: [ChildBase(kind: .appointment, ghlId: "a1", fulcrumItemId: "i1", fields: booked)],
            fulcrum: fulcrum.map { [ChildItem(kind: .appointment, ghlId: "a1", fulcrumItemId: "i1", fields: $0)] } ?? [],
            ghl: ghl.map { [ChildItem(kind: .appointment, ghlId: "a1", fields: $0)] } ?? [])
    }

    @Test func anAppointmentBookedInGHLIsUpsertedIntoFulcrum() {
        let outcome = Self.planner.plan(PairChildren(fulcrumId: "f1", contactId: "c1", ghl: [ChildItem(kind: .appointment, ghlId: "a1", fields: Self.booked)]))
        #expect(outcome.planned?.operations.map(\.kind) == [.upsertAppointment])
        #expect(outcome.planned?.operations.first?.side == .fulcrum)
        #expect(outcome.planned?.operations.first?.childId == "a1")
    }

    @Test(arguments: [("startTime", "2026-12-02T15:00:00Z"), ("status", "cancelled")])
    func anAppointmentMovedOrCancelledInGHLUpdatesItsFulcrumItem(_ field: String, _ value: String) {
        var moved = Self.booked
        moved[field] = Self.v(value)
        let operations = Self.planner.plan(Self.world(fulcrum: Self.booked, ghl: moved)).planned?.operations ?? []
        #expect(operations.map(\.kind) == [.upsertAppointment])
        #expect(operations.first?.fields == [field: .some(Self.v(value))])
        #expect(operations.first?.childItemId == "i1")
    }

    @Test func anAppointmentDeletedInGHLIsRemovedFromFulcrum() {
        let operations = Self.planner.plan(Self.world(fulcrum: Self.booked, ghl: nil)).planned?.operations ?? []
        #expect(operations.map(\.kind) == [.deleteAppointment])
        #expect(operations.first?.side == .fulcrum)
    }

    @Test func anAppointmentEditedInFulcrumIsLeftAloneAndReportedUnderRuleDirection() {
        var edited = Self.booked
        edited["title"] = Self.v("Renamed in the field")
        let outcome = Self.planner.plan(Self.world(fulcrum: edited, ghl: Self.booked))
        #expect(outcome.planned == nil, "nothing is written to GHL, and the edit is not reverted")
        #expect(outcome.held.count == 1)
        #expect(outcome.held.first?.reason.contains("rule direction") == true)
    }

    @Test func anAppointmentEditedOnBothSidesTakesGHLsValueUnderRuleDirection() {
        var inFulcrum = Self.booked
        inFulcrum["title"] = Self.v("Fulcrum title")
        var inGHL = Self.booked
        inGHL["title"] = Self.v("GHL title")
        let outcome = Self.planner.plan(Self.world(fulcrum: inFulcrum, ghl: inGHL))
        #expect(outcome.conflicts.map(\.rule) == ["direction"])
        #expect(outcome.conflicts.first?.winner == .ghl)
        #expect(outcome.planned?.operations.map(\.side) == [.fulcrum])
    }

    @Test func anAppointmentDeletedInFulcrumIsReportedAndComesBackOnlyWhenGHLChangesIt() {
        let first = Self.planner.plan(Self.world(fulcrum: nil, ghl: Self.booked))
        #expect(first.planned?.operations == [], "never deleted in GHL")
        #expect(first.held.first?.reason.contains("rule direction") == true)
        var world = ChildWorld(base: Self.world(fulcrum: nil, ghl: Self.booked).base, fulcrum: [], ghl: [ChildItem(kind: .appointment, ghlId: "a1", fields: Self.booked)])
        world.apply(first.planned)
        #expect(Self.planner.plan(world.pair()).planned == nil, "left alone while GHL does not change it")
        world.ghl[0].fields["startTime"] = Self.v("2026-12-03T15:00:00Z")
        #expect(Self.planner.plan(world.pair()).planned?.operations.map(\.kind) == [.upsertAppointment])
    }

    @Test func anAppointmentAddedInFulcrumIsNeverSentToGHL() {
        let outcome = Self.planner.plan(PairChildren(fulcrumId: "f1", contactId: "c1", fulcrum: [ChildItem(kind: .appointment, ghlId: nil, fulcrumItemId: "i7", fields: Self.booked)]))
        #expect(outcome.planned == nil)
        #expect(outcome.held.first?.reason.contains("GHL -> Fulcrum only") == true)
    }
}
