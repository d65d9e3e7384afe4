import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 11 item 4: a value of the wrong JSON type is never read as blank. It is an issue on
/// its field, naming what was found; the planner holds the field (linked) or the record (unlinked).
struct WrongTypeProjectionTests {
    static let held = HostileCorpus.wrongTypes().filter { $0.expect == "held" }

    func ghl(_ json: String) throws -> RecordState {
        try GHLProjection(mapping: SharedMapping.resolved()).project(SharedMapping.object(json))
    }

    func fulcrum(_ json: String) throws -> RecordState {
        try FulcrumProjection(mapping: SharedMapping.resolved()).project(SharedMapping.object(json))
    }

    @Test(arguments: held)
    func aWrongTypeInAGHLStandardFieldIsAnIssueNamingTheFieldAndWhatWasFound(_ value: HostileCorpus.WrongType) throws {
        let state = try ghl(#"{"id": "c-1", "firstName": "Ada", "email": \#(value.json)}"#)
        #expect(state.fields["email"] == nil)
        let issue = try #require(state.issues.first { $0.field == "email" })
        #expect(issue.reason.contains(value.found ?? "?"), "\(issue.reason)")
    }

    @Test(arguments: held.filter { $0.json.hasPrefix("{") || $0.json.hasPrefix("[{") })
    func aWrongTypeInAGHLCustomFieldIsAnIssueNamingTheField(_ value: HostileCorpus.WrongType) throws {
        let state = try ghl(#"{"id": "c-1", "customFields": [{"id": "cf-region", "value": \#(value.json)}]}"#)
        #expect(state.fields["region"] == nil)
        #expect(state.issues.contains { $0.field == "region" && $0.reason.contains("found") })
    }

    @Test(arguments: held)
    func aWrongTypeInAFulcrumTextFieldIsAnIssueNamingTheFieldAndWhatWasFound(_ value: HostileCorpus.WrongType) throws {
        let state = try fulcrum(#"{"id": "f-1", "form_values": {"f101": "Ada", "f103": \#(value.json)}}"#)
        #expect(state.fields["email"] == nil)
        let issue = try #require(state.issues.first { $0.field == "email" })
        #expect(issue.reason.contains(value.found ?? "?"), "\(issue.reason)")
    }

    @Test(arguments: ["12", "\"yes\"", "[]", "true"])
    func aFulcrumAddressOrChoiceOfTheWrongShapeIsAnIssue(_ json: String) throws {
        let state = try fulcrum(#"{"id": "f-1", "form_values": {"f107": \#(json), "f111": \#(json)}}"#)
        #expect(state.issues.contains { $0.field == "address.locality" })
        #expect(state.issues.contains { $0.field == "lead_source" })
    }

    @Test(arguments: ["\"a,b\"", "{\"a\": 1}", "[1, 2]", "[\"vip\", {\"name\": \"x\"}]"])
    func tagsOfTheWrongTypeAreAnIssueAndRemoveNoTagOnTheOtherSide(_ json: String) throws {
        let mapping = try SharedMapping.resolved()
        let planner = Planner(settings: PlannerSettings(mapping: mapping))
        let f = try fulcrum(#"{"id": "f-1", "form_values": {"f101": "Ada", "f112": {"choice_values": ["vip"]}, "f113": "c-1"}}"#)
        let g = try ghl(#"{"id": "c-1", "firstName": "Ada", "tags": \#(json), "customFields": [{"id": "cf-fulcrum-record-id", "value": "f-1"}]}"#)
        #expect(g.issues.contains { $0.field == "tags" })
        let base = PairBase(fulcrumId: "f-1", contactId: "c-1", fields: f.fields, tags: TagSet(["vip"]))
        let outcome = planner.planPair(base: base, fulcrum: f, ghl: g)
        #expect(!(outcome.pair?.operations ?? []).contains { $0.kind == .removeTags }, "unreadable tags removed the tag on Fulcrum")
        #expect(outcome.held.contains { $0.field == "tags" && $0.contactId == "c-1" })
    }

    @Test(arguments: held)
    func aLinkedPairWhoseEmailArrivesAsTheWrongTypeHoldsTheFieldAndClearsNothing(_ value: HostileCorpus.WrongType) throws {
        let mapping = try SharedMapping.resolved()
        let planner = Planner(settings: PlannerSettings(mapping: mapping))
        let f = try fulcrum(#"{"id": "f-1", "form_values": {"f101": "Ada", "f103": "ada@example.com", "f113": "c-1"}}"#)
        let g = try ghl(#"{"id": "c-1", "firstName": "Ada", "email": \#(value.json), "customFields": [{"id": "cf-fulcrum-record-id", "value": "f-1"}]}"#)
        let outcome = planner.planPair(base: PairBase(fulcrumId: "f-1", contactId: "c-1", fields: f.fields), fulcrum: f, ghl: g)
        #expect(!(outcome.pair?.operations ?? []).contains { $0.fields.keys.contains("email") }, "the email was cleared or rewritten")
        #expect(outcome.held.contains { $0.field == "email" && $0.reason.contains(value.found ?? "?") })
    }

    @Test(arguments: held)
    func anUnlinkedContactWhoseEmailIsTheWrongTypeIsHeldNotCreatedAgain(_ value: HostileCorpus.WrongType) throws {
        let mapping = try SharedMapping.resolved()
        let planner = Planner(settings: PlannerSettings(mapping: mapping))
        let f = try fulcrum(#"{"id": "f-1", "form_values": {"f101": "Ada", "f103": "ada@example.com"}}"#)
        let g = try ghl(#"{"id": "c-1", "firstName": "Ada", "email": \#(value.json)}"#)
        let outcomes = planner.planUnlinked(fulcrum: [f], ghl: [g])
        #expect(!outcomes.compactMap(\.pair).contains { $0.operations.contains { $0.side == .fulcrum && $0.kind == .create } })
        #expect(outcomes.flatMap(\.held).contains { $0.contactId == "c-1" && $0.field == "email" })
    }

    @Test(arguments: ["12", "[\"f-1\"]", "{\"id\": \"f-1\"}", "true"])
    func aLinkIdOfTheWrongTypeIsAnIssueSoTheRecordIsNotMatchedAgain(_ json: String) throws {
        let f = try fulcrum(#"{"id": "f-1", "form_values": {"f103": "ada@example.com", "f113": \#(json)}}"#)
        let g = try ghl(#"{"id": "c-1", "email": "ada@example.com", "customFields": [{"id": "cf-fulcrum-record-id", "value": {"x": \#(json)}}]}"#)
        #expect(f.issues.contains { $0.field == "ghl_contact_id" })
        #expect(g.issues.contains { $0.field == "ghl_contact_id" })
    }

    @Test(arguments: ["\"oops\"", "12", "[1]", "true"])
    func aFormValuesOrCustomFieldsOfTheWrongTypeHoldsTheWholeRecordFromASavedSnapshot(_ json: String) throws {
        let mapping = try SharedMapping.resolved()
        let records = try SnapshotDecoder.fulcrum(
            Data(#"{"records": [{"id": "f-1", "form_values": \#(json)}]}"#.utf8), source: "records.json", projection: FulcrumProjection(mapping: mapping))
        let contacts = try SnapshotDecoder.ghl(
            Data(#"{"contacts": [{"id": "c-1", "customFields": \#(json == "[1]" ? "[1]" : json)}]}"#.utf8), source: "contacts.json", projection: GHLProjection(mapping: mapping))
        #expect(records.records.isEmpty && records.held.count == 1)
        #expect(records.held.first?.reason.contains("form_values") == true)
        #expect(contacts.records.isEmpty && contacts.held.count == 1)
        #expect(contacts.held.first?.reason.contains("customFields") == true)
    }
}
