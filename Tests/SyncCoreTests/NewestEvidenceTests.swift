import Foundation
import SyncCore
import Testing

/// `newest` decided per field, at the precision both sides share, with the evidence named
/// (issue 10, item 5): field history and webhooks before the records' times.
struct NewestEvidenceTests {
    static let start = Date(timeIntervalSince1970: 1_795_168_800)

    static func value(_ text: String) -> FieldValue { FieldValue(canonical: text, text: text) }

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        /// The records' own times, in seconds after `start`.
        var fulcrumAt: Double
        var ghlAt: Double
        /// Field evidence for `x`: (seconds, the value it is about).
        var history: (Double, String)? = nil
        var webhook: (Double, String)? = nil
        /// Expected `winner/rule`.
        var conflict: String
        var testDescription: String { what }
    }

    static let cases: [Case] = [
        Case(
            what: "Fulcrum's whole second and GHL's milliseconds in the same second tie",
            fulcrumAt: 10, ghlAt: 10.4, conflict: "fulcrum/newest-tie"),
        Case(
            what: "GHL's record a second later wins by the record's time",
            fulcrumAt: 10, ghlAt: 11.2, conflict: "ghl/newest-record"),
        Case(
            what: "Fulcrum's history dates the field before GHL's change, though the record moved later",
            fulcrumAt: 100, ghlAt: 50, history: (20, "f"), conflict: "ghl/newest-record"),
        Case(
            what: "Fulcrum's history dates the field after GHL's change",
            fulcrumAt: 100, ghlAt: 50, history: (60, "f"), conflict: "fulcrum/newest-field-history"),
        Case(
            what: "a GHL webhook dates the field before Fulcrum's change, though dateUpdated moved later",
            fulcrumAt: 50, ghlAt: 100, webhook: (20, "g"), conflict: "fulcrum/newest-record"),
        Case(
            what: "a GHL webhook dates the field after Fulcrum's field history",
            fulcrumAt: 100, ghlAt: 100, history: (20, "f"), webhook: (30, "g"), conflict: "ghl/newest-webhook"),
        Case(
            what: "field history and a webhook in the same second tie",
            fulcrumAt: 100, ghlAt: 100, history: (30, "f"), webhook: (30.9, "g"), conflict: "fulcrum/newest-tie"),
        Case(
            what: "evidence no earlier than the record's own time adds nothing: the record's time decides",
            fulcrumAt: 50, ghlAt: 40, history: (50.5, "f"), webhook: (45, "g"), conflict: "fulcrum/newest-record"),
        Case(
            what: "evidence about another value than the record holds is ignored",
            fulcrumAt: 100, ghlAt: 50, history: (20, "older"), conflict: "fulcrum/newest-record"),
    ]

    @Test(arguments: cases)
    func aConflictIsDecidedByTheBestChangeTimeKnownForTheField(_ c: Case) {
        var evidence = ChangeEvidence()
        if let history = c.history {
            evidence.fulcrum["f-1"] = ["x": .init(value: Self.value(history.1), at: Self.at(history.0), source: .fieldHistory)]
        }
        if let webhook = c.webhook {
            evidence.ghl["G1"] = ["x": .init(value: Self.value(webhook.1), at: Self.at(webhook.0), source: .webhook)]
        }
        let planner = Planner(settings: PlannerSettings(fields: [.init(key: "x")], syncTags: false), evidence: evidence)

        let outcome = planner.planPair(
            base: PairBase(fulcrumId: "f-1", contactId: "G1", fields: ["x": Self.value("a")]),
            fulcrum: RecordState(id: "f-1", fields: ["x": Self.value("f")], linkId: "G1", updatedAt: Self.at(c.fulcrumAt)),
            ghl: RecordState(id: "G1", fields: ["x": Self.value("g")], linkId: "f-1", updatedAt: Self.at(c.ghlAt)))

        #expect(outcome.conflicts.map { "\($0.winner?.rawValue ?? "none")/\($0.rule)" } == [c.conflict])
    }

    @Test func twoFieldsOfOnePairAreDecidedEachByItsOwnChangeTime() {
        // Fulcrum changed x long ago and y just now (its history says so); GHL changed both in between.
        let evidence = ChangeEvidence(fulcrum: ["f-1": [
            "x": .init(value: Self.value("fx"), at: Self.at(10), source: .fieldHistory),
            "y": .init(value: Self.value("fy"), at: Self.at(90), source: .fieldHistory),
        ]])
        let planner = Planner(
            settings: PlannerSettings(fields: [.init(key: "x"), .init(key: "y")], syncTags: false), evidence: evidence)

        let outcome = planner.planPair(
            base: PairBase(fulcrumId: "f-1", contactId: "G1", fields: ["x": Self.value("a"), "y": Self.value("a")]),
            fulcrum: RecordState(
                id: "f-1", fields: ["x": Self.value("fx"), "y": Self.value("fy")], linkId: "G1", updatedAt: Self.at(90)),
            ghl: RecordState(
                id: "G1", fields: ["x": Self.value("gx"), "y": Self.value("gy")], linkId: "f-1", updatedAt: Self.at(50)))

        #expect(outcome.conflicts.map { "\($0.field) \($0.winner?.rawValue ?? "none")/\($0.rule)" } == [
            "x ghl/newest-record", "y fulcrum/newest-record",
        ])
        let toFulcrum = outcome.pair?.operations.first { $0.side == .fulcrum && $0.kind == .update }
        let toGHL = outcome.pair?.operations.first { $0.side == .ghl && $0.kind == .update }
        #expect(toFulcrum?.fields.keys.sorted() == ["x"])
        #expect(toGHL?.fields.keys.sorted() == ["y"])
    }
}
