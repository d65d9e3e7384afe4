import Foundation
import SyncCore
import Testing

/// Issue 9 item 4: child writes as each API takes them: GHL bodies with what GHL requires, and
/// one edited copy of the Fulcrum record (PUT replaces it whole) carrying every child change.
struct ChildWriteEncoderTests {
    static func encoder() throws -> ChildWriteEncoder { ChildWriteEncoder(children: try ChildrenMapping.resolved().children) }
    static func v(_ text: String) -> FieldValue { FieldValue(canonical: text, text: text) }

    static func operation(_ side: Side, _ kind: SyncCore.Operation.Kind, childId: String? = nil, itemId: String? = nil, _ fields: [String: FieldValue?] = [:]) -> SyncCore.Operation {
        var operation = SyncCore.Operation(side: side, kind: kind, fulcrumId: "f1", contactId: "c1", fields: fields)
        operation.childId = childId
        operation.childItemId = itemId
        return operation
    }

    static var record: [String: Any] { [
        "id": "f1", "version": 4,
        "form_values": [
            "f101": "Ada",
            "r300": [["id": "i1", "form_values": ["r301": "n1", "r302": "Old"]], ["id": "i2", "form_values": ["r302": "New in Fulcrum"]]],
        ],
    ] }

    static func notes(_ record: [String: Any]) -> [[String: Any]] {
        (record["form_values"] as? [String: Any])?["r300"] as? [[String: Any]] ?? []
    }

    @Test func aTaskCreateCarriesTheFieldsGHLRequires() throws {
        let body = try Self.encoder().ghlBody(Self.operation(.ghl, .createTask, itemId: "i1", ["title": Self.v("Call")]), defaultDue: "2026-12-02T00:00:00Z")
        #expect(body["title"] as? String == "Call")
        #expect(body["dueDate"] as? String == "2026-12-02T00:00:00Z")
        #expect(body["completed"] as? Bool == false)
    }

    @Test func aFulcrumDateIsSentToGHLAsTheStartOfThatDayInTheLocationsZone() throws {
        let body = try Self.encoder().ghlBody(Self.operation(.ghl, .updateTask, childId: "t1", ["dueDate": Self.v("2026-12-01")]), defaultDue: "")
        #expect(body["dueDate"] as? String == "2026-12-01T05:00:00Z", "midnight in New York")
    }

    @Test func everyChildChangeOfAPairGoesIntoOneCopyOfTheRecordKeepingItsOtherValues() throws {
        let operations = [
            Self.operation(.fulcrum, .updateNote, childId: "n1", itemId: "i1", ["body": Self.v("Edited")]),
            Self.operation(.fulcrum, .linkChild, itemId: "i2"),
            Self.operation(.fulcrum, .createNote, childId: "n9", ["body": Self.v("From GHL")]),
        ]
        let (record, created) = try Self.encoder().apply(operations, to: Self.record, ghlIds: ["i2": "n2"], newItemId: { "i9" }, now: "1795424400.000")
        #expect((record["form_values"] as? [String: Any])?["f101"] as? String == "Ada", "other values are carried over")
        let items = Self.notes(record)
        #expect(items.map { $0["id"] as? String } == ["i1", "i2", "i9"])
        #expect(items.map { ($0["form_values"] as? [String: Any])?["r301"] as? String } == ["n1", "n2", "n9"])
        #expect(items.map { ($0["form_values"] as? [String: Any])?["r302"] as? String } == ["Edited", "New in Fulcrum", "From GHL"])
        #expect(created == ["n9": "i9"])
    }

    @Test func aCreateRepeatedAfterACrashUpdatesTheItemCarryingItsGHLIdInsteadOfAddingOne() throws {
        let create = Self.operation(.fulcrum, .createNote, childId: "n1", ["body": Self.v("Again")])
        let (record, created) = try Self.encoder().apply([create], to: Self.record, ghlIds: [:], newItemId: { "never" }, now: "1")
        #expect(Self.notes(record).count == 2)
        #expect(created == ["n1": "i1"])
    }

    @Test func aDeleteRemovesOnlyItsItem() throws {
        let (record, _) = try Self.encoder().apply(
            [Self.operation(.fulcrum, .deleteNote, childId: "n1", itemId: "i1")], to: Self.record, ghlIds: [:], newItemId: { "x" }, now: "1")
        #expect(Self.notes(record).map { $0["id"] as? String } == ["i2"])
    }

    @Test(arguments: [(true, "yes" as String?), (false, nil)])
    func aCompletedFlagIsWrittenAsTheYesNoFieldsPositiveValueAndClearedWhenFalse(_ completed: Bool, _ stored: String?) throws {
        let record: [String: Any] = ["form_values": ["r400": [["id": "t-item", "form_values": ["r401": "t1", "r402": "Call", "r405": "yes"]]]]]
        let value: FieldValue? = completed ? Self.v("true") : nil
        let (edited, _) = try Self.encoder().apply(
            [Self.operation(.fulcrum, .completeTask, childId: "t1", itemId: "t-item", ["completed": value])], to: record, ghlIds: [:],
            newItemId: { "x" }, now: "1")
        let item = ((edited["form_values"] as? [String: Any])?["r400"] as? [[String: Any]])?.first
        #expect((item?["form_values"] as? [String: Any])?["r405"] as? String == stored)
    }
}
