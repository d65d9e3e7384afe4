import Foundation
import SyncEngine
import Testing

/// Issue 15 item 1: `fgsync doctor --json` over several syncs prints one JSON document that
/// names each sync, not one document after another.
struct DoctorManySyncsTests {
    @Test func severalSyncsReportsAreOneDocumentNamingEachSync() throws {
        var north = DoctorReport()
        north.findings = [DoctorFinding("config", .ok, "loads")]
        var south = DoctorReport()
        south.findings = [DoctorFinding("ghl token", .error, "refused (401)", fix: "export a valid GHL_TOKEN_SOUTH")]

        let data = try DoctorReport.json([(name: "north", report: north), (name: "south", report: south)])

        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let syncs = try #require(object["syncs"] as? [[String: Any]])
        #expect(syncs.map { $0["name"] as? String } == ["north", "south"])
        #expect(syncs.map { $0["ok"] as? Bool } == [true, false])
        let finding = try #require((syncs[1]["findings"] as? [[String: Any]])?.first)
        #expect(finding["fix"] as? String == "export a valid GHL_TOKEN_SOUTH")
    }
}
