import Foundation
import SyncCore
import Testing

/// DESIGN.md's three-way table, row by row, for one field of one pair, straight on the planner.
struct ThreeWayTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var what: String
        var base: String??  // .none: no base (first match); .some(nil): base without the field
        var fulcrum: String?
        var ghl: String?
        var policy: ConflictPolicy = .newest
        var direction: SyncDirection = .both
        /// Seconds after a fixed instant; `nil`: no server time.
        var fulcrumAt: Double? = 0
        var ghlAt: Double? = 0
        /// Expected writes: `nil` no write; `.some(nil)` a clear; `.some(v)` a value.
        var toFulcrum: String?? = nil
        var toGHL: String?? = nil
        /// Expected conflict as `winner/rule` (`none/manual` when a person decides).
        var conflict: String? = nil
        var testDescription: String { what }
    }

    static let rows: [Row] = [
        Row(what: "F == G == base: nothing", base: "a", fulcrum: "a", ghl: "a"),
        Row(what: "only GHL changed: write G to Fulcrum", base: "a", fulcrum: "a", ghl: "g", toFulcrum: "g"),
        Row(what: "only Fulcrum changed: write F to GHL", base: "a", fulcrum: "f", ghl: "a", toGHL: "f"),
        Row(what: "both changed alike: nothing", base: "a", fulcrum: "b", ghl: "b"),
        Row(what: "GHL cleared: clear Fulcrum", base: "a", fulcrum: "a", ghl: nil, toFulcrum: .some(nil)),
        Row(what: "Fulcrum cleared: clear GHL", base: "a", fulcrum: nil, ghl: "a", toGHL: .some(nil)),
        Row(
            what: "both set where the base had nothing, differently: conflict", base: .some(nil),
            fulcrum: "f", ghl: "g",
            fulcrumAt: 1, toGHL: "f", conflict: "fulcrum/newest-record"),
        Row(
            what: "conflict, newest: Fulcrum newer wins", base: "a", fulcrum: "f", ghl: "g", fulcrumAt: 10,
            ghlAt: 5,
            toGHL: "f", conflict: "fulcrum/newest-record"),
        Row(
            what: "conflict, newest: GHL newer wins", base: "a", fulcrum: "f", ghl: "g", fulcrumAt: 5,
            ghlAt: 10,
            toFulcrum: "g", conflict: "ghl/newest-record"),
        Row(
            what: "conflict, newest: a tie goes to Fulcrum", base: "a", fulcrum: "f", ghl: "g", toGHL: "f",
            conflict: "fulcrum/newest-tie"),
        Row(
            what: "conflict, newest: no times is a tie", base: "a", fulcrum: "f", ghl: "g", fulcrumAt: nil,
            ghlAt: nil,
            toGHL: "f", conflict: "fulcrum/newest-tie"),
        Row(
            what: "conflict, newest: only GHL has a time", base: "a", fulcrum: "f", ghl: "g", fulcrumAt: nil,
            ghlAt: 0,
            toFulcrum: "g", conflict: "ghl/newest-record"),
        Row(
            what: "conflict, policy fulcrum beats a newer GHL", base: "a", fulcrum: "f", ghl: "g",
            policy: .fulcrum, ghlAt: 10,
            toGHL: "f", conflict: "fulcrum/fulcrum"),
        Row(
            what: "conflict, policy ghl beats a newer Fulcrum", base: "a", fulcrum: "f", ghl: "g",
            policy: .ghl, fulcrumAt: 10,
            toFulcrum: "g", conflict: "ghl/ghl"),
        Row(
            what: "conflict, manual: write nothing, report", base: "a", fulcrum: "f", ghl: "g",
            policy: .manual,
            conflict: "none/manual"),
        Row(
            what: "conflict where one side cleared: the winner's absence is written", base: "a", fulcrum: nil,
            ghl: "g",
            fulcrumAt: 10, toGHL: .some(nil), conflict: "fulcrum/newest-record"),
        Row(what: "first match, GHL empty: fill GHL", base: nil, fulcrum: "f", ghl: nil, toGHL: "f"),
        Row(
            what: "first match, Fulcrum empty: fill Fulcrum", base: nil, fulcrum: nil, ghl: "g",
            toFulcrum: "g"),
        Row(what: "first match, both set alike: nothing", base: nil, fulcrum: "x", ghl: "x"),
        Row(
            what: "first match, both set differently: conflict", base: nil, fulcrum: "f", ghl: "g", ghlAt: 1,
            toFulcrum: "g", conflict: "ghl/newest-record"),
        Row(
            what: "to_ghl: a GHL edit is not written back", base: "a", fulcrum: "a", ghl: "g",
            direction: .toGHL),
        Row(
            what: "to_ghl: a Fulcrum edit flows", base: "a", fulcrum: "f", ghl: "a", direction: .toGHL,
            toGHL: "f"),
        Row(
            what: "to_ghl: a conflict goes to Fulcrum by direction", base: "a", fulcrum: "f", ghl: "g",
            direction: .toGHL,
            ghlAt: 10, toGHL: "f", conflict: "fulcrum/direction"),
        Row(
            what: "to_ghl: first match, Fulcrum empty: GHL's value stays put", base: nil, fulcrum: nil,
            ghl: "g", direction: .toGHL),
        Row(
            what: "to_fulcrum: a Fulcrum edit is not written to GHL", base: "a", fulcrum: "f", ghl: "a",
            direction: .toFulcrum),
        Row(
            what: "to_fulcrum: a GHL edit flows", base: "a", fulcrum: "a", ghl: "g", direction: .toFulcrum,
            toFulcrum: "g"),
        Row(
            what: "to_fulcrum: a conflict goes to GHL by direction", base: "a", fulcrum: "f", ghl: "g",
            direction: .toFulcrum,
            fulcrumAt: 10, toFulcrum: "g", conflict: "ghl/direction"),
    ]

    static func value(_ text: String?) -> [String: FieldValue] {
        text.map { ["x": FieldValue(canonical: $0, text: $0.uppercased())] } ?? [:]
    }

    @Test(arguments: rows)
    func eachRowOfTheTablePlansItsAction(_ row: Row) throws {
        let planner = Planner(
            settings: PlannerSettings(
                fields: [.init(key: "x", direction: row.direction, policy: row.policy)], syncTags: false))
        let start = Date(timeIntervalSince1970: 1_795_168_800)
        let f = RecordState(
            id: "f-1", fields: Self.value(row.fulcrum), linkId: "G1",
            updatedAt: row.fulcrumAt.map { start.addingTimeInterval($0) })
        let g = RecordState(
            id: "G1", fields: Self.value(row.ghl), linkId: "f-1",
            updatedAt: row.ghlAt.map { start.addingTimeInterval($0) })
        let outcome: PairOutcome
        switch row.base {
        case .none: outcome = planner.planMatch(fulcrum: f, ghl: g)
        case .some(let base):
            outcome = planner.planPair(
                base: PairBase(fulcrumId: "f-1", contactId: "G1", fields: Self.value(base)), fulcrum: f,
                ghl: g)
        }
        let operations = outcome.pair?.operations ?? []
        func written(_ side: Side) -> String?? {
            guard let update = operations.first(where: { $0.side == side && $0.kind == .update }) else {
                return nil
            }
            guard let value = update.fields["x"] else { return nil }
            return .some(value.map { $0.canonical })
        }
        #expect(written(.fulcrum) == row.toFulcrum)
        #expect(written(.ghl) == row.toGHL)
        #expect(operations.allSatisfy { $0.kind == .update }, "only updates: \(operations)")
        #expect(
            outcome.conflicts.map { "\($0.winner?.rawValue ?? "none")/\($0.rule)" }
                == (row.conflict.map { [$0] } ?? []))
        #expect(outcome.held.isEmpty)
    }

    @Test func writesCarryTheSourceSpellingNotTheCanonicalForm() {
        let planner = Planner(settings: PlannerSettings(fields: [.init(key: "x")], syncTags: false))
        let base = PairBase(fulcrumId: "f-1", contactId: "G1", fields: Self.value("a"))
        let outcome = planner.planPair(
            base: base, fulcrum: RecordState(id: "f-1", fields: Self.value("a"), linkId: "G1"),
            ghl: RecordState(id: "G1", fields: Self.value("g"), linkId: "f-1"))
        #expect(outcome.pair?.operations.first?.fields["x"]??.text == "G")
    }

    @Test func theNewBaseRecordsWhatBothSidesHoldAfterTheWrites() {
        let planner = Planner(
            settings: PlannerSettings(
                fields: [.init(key: "x"), .init(key: "y", policy: .manual)], syncTags: false))
        let base = PairBase(
            fulcrumId: "f-1", contactId: "G1",
            fields: ["x": FieldValue(canonical: "a", text: "a"), "y": FieldValue(canonical: "a", text: "a")])
        let f = RecordState(
            id: "f-1",
            fields: ["x": FieldValue(canonical: "f", text: "f"), "y": FieldValue(canonical: "f", text: "f")],
            linkId: "G1")
        let g = RecordState(
            id: "G1",
            fields: ["x": FieldValue(canonical: "a", text: "a"), "y": FieldValue(canonical: "g", text: "g")],
            linkId: "f-1")
        let newBase = planner.planPair(base: base, fulcrum: f, ghl: g).pair?.newBase
        #expect(newBase?.fields["x"]?.canonical == "f")
        #expect(newBase?.fields["y"]?.canonical == "a")
    }
}
