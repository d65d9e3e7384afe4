import Foundation
import SyncCore
import Testing

/// The `max_delete` rail in small locations: live pairs only, a floor under the percentage,
/// and which edits save a survivor from its partner's delete (issue 10, item 6).
struct DeleteRailTests {
    static let fields = [
        PlannerSettings.FieldRule(key: "name"),
        PlannerSettings.FieldRule(key: "region", direction: .toGHL),
    ]

    static func value(_ text: String) -> FieldValue { FieldValue(canonical: text, text: text) }

    /// `live` linked pairs whose GHL contact is gone (the first `deleted`) or present, plus
    /// `tombstones` pairs whose Fulcrum record was deleted earlier under `archive`.
    static func input(live: Int, deleted: Int, tombstones: Int = 0) -> PlanInput {
        var bases: [PairBase] = []
        var fulcrum: [RecordState] = []
        var ghl: [RecordState] = []
        for index in 0..<live {
            let base = PairBase(fulcrumId: "f\(index)", contactId: "g\(index)", fields: ["name": value("n\(index)")])
            bases.append(base)
            fulcrum.append(RecordState(id: base.fulcrumId, fields: base.fields, linkId: base.contactId))
            if index >= deleted {
                ghl.append(RecordState(id: base.contactId, fields: base.fields, linkId: base.fulcrumId))
            }
        }
        for index in 0..<tombstones {
            let base = PairBase(
                fulcrumId: "tf\(index)", contactId: "tg\(index)", fields: ["name": value("t\(index)")],
                deletedSide: .fulcrum)
            bases.append(base)
            ghl.append(RecordState(id: base.contactId, fields: base.fields, linkId: base.fulcrumId))
        }
        return PlanInput(bases: bases, fulcrum: fulcrum, ghl: ghl)
    }

    static func plan(_ input: PlanInput, floor: Int = 5, limit: MappingConfig.DeleteLimit = .fraction(0.2)) async -> Plan {
        await Planner(settings: PlannerSettings(fields: fields, maxDelete: limit, maxDeleteFloor: floor)).plan(input)
    }

    struct FloorCase: Sendable, CustomTestStringConvertible {
        var live: Int
        var deleted: Int
        var floor: Int
        var refused: Bool
        var testDescription: String { "\(deleted) of \(live) deleted, floor \(floor): \(refused ? "refused" : "allowed")" }
    }

    @Test(arguments: [
        FloorCase(live: 4, deleted: 1, floor: 5, refused: false),
        FloorCase(live: 6, deleted: 5, floor: 5, refused: false),
        FloorCase(live: 20, deleted: 6, floor: 5, refused: true),
        FloorCase(live: 40, deleted: 8, floor: 5, refused: false),
        FloorCase(live: 40, deleted: 9, floor: 5, refused: true),
        FloorCase(live: 4, deleted: 1, floor: 0, refused: true),
    ])
    func deletesUpToTheFloorNeverTripThePercentage(_ row: FloorCase) async {
        let plan = await Self.plan(Self.input(live: row.live, deleted: row.deleted), floor: row.floor)

        #expect(plan.refused == row.refused, "\(plan.rails)")
        #expect(plan.operations.filter { $0.kind == .delete }.count == row.deleted)
    }

    @Test func theFloorDoesNotRaiseAnExplicitCount() async {
        let plan = await Self.plan(Self.input(live: 4, deleted: 1), floor: 5, limit: .count(0))

        #expect(plan.refused)
        #expect(plan.rails.map(\.kind) == [.maxDelete])
    }

    @Test func tombstonedPairsDoNotCountTowardTheLinkedTotal() async throws {
        // 2 of 5 live pairs (40%) with ten tombstones: counting tombstones (2 of 15, 13%) would let it through.
        let plan = await Self.plan(Self.input(live: 5, deleted: 2, tombstones: 10), floor: 0)

        #expect(plan.refused)
        let rail = try #require(plan.rails.first)
        #expect(rail.message.hasPrefix("2 of 5 linked records would be deleted in Fulcrum"), "\(rail.message)")
    }

    @Test func anEditToAOneWayFieldOnItsReceivingSideDoesNotSaveTheSurvivorFromDelete() {
        // region flows Fulcrum -> GHL only; GHL edited it, then the Fulcrum record was deleted.
        let base = PairBase(fulcrumId: "f1", contactId: "g1", fields: ["name": Self.value("Ada"), "region": Self.value("north")])
        var contact = RecordState(id: "g1", fields: base.fields, linkId: "f1")
        contact.fields["region"] = Self.value("south")

        let outcome = Planner(settings: PlannerSettings(fields: Self.fields)).planPair(base: base, fulcrum: nil, ghl: contact)

        let operations = outcome.pair?.operations ?? []
        #expect(operations.map(\.kind) == [.delete], "\(operations)")
        #expect(operations.first?.side == .ghl)
    }

    @Test func anEditToAOneWayFieldOnItsSourceSideStillSavesTheSurvivor() {
        let base = PairBase(fulcrumId: "f1", contactId: "g1", fields: ["name": Self.value("Ada"), "region": Self.value("north")])
        var record = RecordState(id: "f1", fields: base.fields, linkId: "g1")
        record.fields["region"] = Self.value("south")

        let outcome = Planner(settings: PlannerSettings(fields: Self.fields)).planPair(base: base, fulcrum: record, ghl: nil)

        #expect(outcome.pair?.operations.first?.kind == .create, "\(String(describing: outcome.pair))")
    }
}
