import SyncCore
import Testing

/// People's decisions on open (manual) conflicts are applied by the next plan.
struct ConflictDecisionTests {
    static let planner = Planner(settings: PlannerSettings(fields: [.init(key: "company", policy: .manual)]))
    static func value(_ text: String) -> FieldValue { FieldValue(canonical: text, text: text) }
    static let base = PairBase(fulcrumId: "f1", contactId: "g1", fields: ["company": value("Navy")])
    static let fulcrum = RecordState(id: "f1", fields: ["company": value("US Navy")], linkId: "g1")
    static let ghl = RecordState(id: "g1", fields: ["company": value("Navy Labs")], linkId: "f1")

    static func plan(_ choice: ConflictDecision.Choice?) -> PairOutcome {
        let decisions = choice.map { ["company": ConflictDecision(fulcrumId: "f1", contactId: "g1", field: "company", choice: $0)] } ?? [:]
        return planner.planPair(base: base, fulcrum: fulcrum, ghl: ghl, decisions: decisions)
    }

    @Test func withoutADecisionAManualConflictWritesNothing() {
        let outcome = Self.plan(nil)
        #expect(outcome.pair == nil)
        #expect(outcome.conflicts.map(\.rule) == ["manual"])
        #expect(outcome.conflicts.first?.winner == nil)
    }

    @Test(arguments: [
        (ConflictDecision.Choice.fulcrum, ["ghl": "US Navy"]),
        (.ghl, ["fulcrum": "Navy Labs"]),
        (.base, ["fulcrum": "Navy", "ghl": "Navy"]),
        (.value(value("Naval Research Lab")), ["fulcrum": "Naval Research Lab", "ghl": "Naval Research Lab"]),
    ])
    func aDecisionWritesTheDecidedValueWhereItIsMissing(choice: ConflictDecision.Choice, writes: [String: String]) {
        let outcome = Self.plan(choice)
        var written: [String: String] = [:]
        for operation in outcome.pair?.operations ?? [] where operation.kind == .update {
            written[operation.side.rawValue] = operation.fields["company"]??.text
        }
        #expect(written == writes)
        #expect(outcome.conflicts.map(\.rule) == ["manual-decision"])
        let expectedBase = writes["ghl"] ?? writes["fulcrum"]
        #expect(outcome.pair?.newBase?.fields["company"]?.text == expectedBase)
    }
}
