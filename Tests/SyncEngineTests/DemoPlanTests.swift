import Foundation
import SyncCore
import SyncEngine
import Testing

/// The README's quick start (`fgsync plan` on `fixtures/demo`) does what the README says: matches
/// by email, phone and stored link, creates both ways, settles conflicts and holds an invalid email.
struct DemoPlanTests {
    static var demo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("fixtures/demo")
    }

    func plan() async throws -> PlanDocument {
        try await FilePlanJob(
            configURL: Self.demo.appendingPathComponent("config.yaml"),
            formURL: Self.demo.appendingPathComponent("form.json"),
            recordsURL: Self.demo.appendingPathComponent("records.json"),
            contactsURL: Self.demo.appendingPathComponent("contacts.json")
        ).run().document
    }

    @Test func theDemoFirstSyncPlansWhatTheREADMEDescribes() async throws {
        let document = try await plan()
        #expect(
            ScenarioFacts.operations(document) == [
                // GhlMargaret has no record: created in Fulcrum.
                "fulcrum create -/GhlMargaret00000000006 email=margaret@example.com first_name=Margaret last_name=Hamilton phone=+16175550106 tags=[lead]",
                "ghl link -/GhlMargaret00000000006",
                // Ada matched by email in another case; tags merge.
                "fulcrum addTags f-0001/GhlAda000000000000001 tags=[newsletter]",
                "fulcrum link f-0001/GhlAda000000000000001",
                "ghl link f-0001/GhlAda000000000000001",
                // Grace matched by phone in another format; company conflict won by the newer Fulcrum.
                "ghl update f-0002/GhlGrace00000000000002 companyName=Navy",
                "ghl addTags f-0002/GhlGrace00000000000002 tags=[Conference 2026,Lead]",
                "fulcrum link f-0002/GhlGrace00000000000002",
                "ghl link f-0002/GhlGrace00000000000002",
                // Alan has no contact: created in GHL.
                "ghl create f-0003/- email=alan@example.org firstName=Alan lastName=Turing phone=00 44 20 7946 0958",
                "fulcrum link f-0003/-",
                // Katherine paired by the contact's stored link; company conflict won by the newer GHL.
                "fulcrum update f-0004/GhlKatherine0000000004 company_name=NASA",
                "fulcrum addTags f-0004/GhlKatherine0000000004 tags=[customer]",
                "fulcrum link f-0004/GhlKatherine0000000004",
            ])
        #expect(
            ScenarioFacts.conflicts(document) == [
                "f-0002/GhlGrace00000000000002 company_name winner=fulcrum rule=newest-record",
                "f-0004/GhlKatherine0000000004 company_name winner=ghl rule=newest-record",
            ])
        #expect(ScenarioFacts.held(document) == ["f-0005/- email"])
        #expect(
            document.held.first?.reason.contains("\"edsger@@example\" is not a valid email address") == true)
        #expect(document.rails.isEmpty)
        #expect(!document.summary.refused)
    }
}
