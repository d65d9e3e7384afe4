import Foundation
import SyncCore
import Testing

struct PlanDocumentTests {
    static let value = FieldValue(canonical: "engines ltd", text: "Engines Ltd")

    func plan(
        _ operations: [SyncCore.Operation], conflicts: [Conflict] = [], rails: [SafetyRail] = [],
        refused: Bool = false
    ) -> Plan {
        Plan(
            pairs: [
                PlannedPair(
                    fulcrumId: "f-1", contactId: "G1", operations: operations, newBase: nil, baseChanged: true
                )
            ],
            conflicts: conflicts, held: [], rails: rails, refused: refused)
    }

    @Test func ghlOperationsNameFieldsAsGHLDoesAndFulcrumOperationsByDataName() throws {
        let mapping = try SharedMapping.resolved()
        let document = PlanDocument(
            plan: plan([
                SyncCore.Operation(
                    side: .ghl, kind: .update, fulcrumId: "f-1", contactId: "G1",
                    fields: ["company_name": .some(Self.value), "employees": .some(Self.value)]),
                SyncCore.Operation(
                    side: .fulcrum, kind: .update, fulcrumId: "f-1", contactId: "G1",
                    fields: ["company_name": .some(Self.value)]),
            ]), mapping: mapping)
        #expect(
            document.operations[0].fields == [
                "companyName": "Engines Ltd", "customFields.cf-employees": "Engines Ltd",
            ])
        #expect(document.operations[1].fields == ["company_name": "Engines Ltd"])
    }

    @Test func aClearedFieldIsWrittenAsNull() throws {
        let document = PlanDocument(
            plan: plan([
                SyncCore.Operation(
                    side: .fulcrum, kind: .update, fulcrumId: "f-1", contactId: "G1",
                    fields: ["phone": FieldValue?.none])
            ]), mapping: nil)
        let json = String(decoding: try document.json(), as: UTF8.self)
        #expect(json.contains(#""phone" : null"#) || json.contains(#""phone": null"#))
        let decoded = try JSONDecoder().decode(PlanDocument.self, from: document.json())
        #expect(decoded == document)
    }

    @Test func conflictTimesAreISOWithMilliseconds() throws {
        let conflict = Conflict(
            fulcrumId: "f-1", contactId: "G1", field: "company_name", base: nil, fulcrum: Self.value,
            ghl: nil,
            fulcrumUpdatedAt: Date(timeIntervalSince1970: 1_625_203_106.704), ghlUpdatedAt: nil, winner: nil,
            rule: "manual")
        let document = PlanDocument(
            plan: plan([], conflicts: [conflict]), mapping: try SharedMapping.resolved())
        #expect(document.conflicts.first?.fulcrumUpdatedAt == "2021-07-02T05:18:26.704Z")
        #expect(document.conflicts.first?.ghlUpdatedAt == nil)
        #expect(document.conflicts.first?.ghlField == "companyName")
        #expect(document.conflicts.first?.winner == nil)
        #expect(document.summary.openConflicts == 1)
    }

    @Test func theSummaryCountsOperationsBySideAndKind() {
        let document = PlanDocument(
            plan: plan(
                [
                    SyncCore.Operation(
                        side: .ghl, kind: .addTags, fulcrumId: "f-1", contactId: "G1", tags: ["VIP"]),
                    SyncCore.Operation(
                        side: .ghl, kind: .removeTags, fulcrumId: "f-1", contactId: "G1", tags: ["old"]),
                    SyncCore.Operation(side: .fulcrum, kind: .link, fulcrumId: "f-1", contactId: "G1"),
                ], rails: [SafetyRail(kind: .maxDelete, side: .fulcrum, message: "m")], refused: true),
            mapping: nil)
        #expect(
            document.summary.operations == ["ghl": ["addTags": 1, "removeTags": 1], "fulcrum": ["link": 1]])
        #expect(document.summary.totalOperations == 3)
        #expect(document.summary.refused)
        #expect(document.rails.map { $0.kind } == ["maxDelete"])
    }

    @Test func equalPlansPrintByteForByteEqual() throws {
        let operations = [
            Operation(
                side: .ghl, kind: .update, fulcrumId: "f-1", contactId: "G1",
                fields: ["a": .some(Self.value), "b": FieldValue?.none, "c": .some(Self.value)])
        ]
        #expect(
            try PlanDocument(plan: plan(operations), mapping: nil).json()
                == PlanDocument(plan: plan(operations), mapping: nil).json())
    }
}
