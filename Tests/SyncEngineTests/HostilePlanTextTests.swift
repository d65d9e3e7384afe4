import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// Issue 11 item 8 for `fgsync plan`: hostile names in saved API bodies cannot forge a line of
/// the plan text or reach the terminal raw.
struct HostilePlanTextTests {
    static func json(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test func thePlanTextShowsEveryHostileNameEscapedOnItsOwnLine() async throws {
        let names = HostileCorpus.names()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-hostile-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Each hostile name arrives on a new GHL contact (a Fulcrum create), on a contact that
        // matches a Fulcrum record by email (a first-match conflict), and in an invalid email (held).
        var records: [[String: Any]] = []
        var contacts: [[String: Any]] = []
        for (index, name) in names.enumerated() {
            contacts.append(["id": "c-new-\(index)", "firstName": name.value, "email": "new\(index)@example.com"])
            contacts.append(["id": "c-\(index)", "lastName": name.value, "email": "p\(index)@example.com", "dateUpdated": "2026-01-02T00:00:00.000Z"])
            records.append(["id": "f-\(index)", "updated_at": "2026-01-01T00:00:00Z", "form_values": ["f102": "Lovelace", "f103": "p\(index)@example.com"]])
            contacts.append(["id": "c-bad-\(index)", "firstName": "x", "email": "\(name.value)@bad"])
        }
        let recordsURL = directory.appendingPathComponent("records.json")
        let contactsURL = directory.appendingPathComponent("contacts.json")
        try Self.json(["records": records]).write(to: recordsURL)
        try Self.json(["contacts": contacts]).write(to: contactsURL)
        let text = try await FilePlanJob(
            configURL: ScenarioLoader.shared.appendingPathComponent("config.yaml"), formURL: ScenarioLoader.shared.appendingPathComponent("form.json"),
            recordsURL: recordsURL, contactsURL: contactsURL
        ).run().document.text()

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bad = line.unicodeScalars.first { TextEscaping.needsEscape($0) }
            #expect(bad == nil, "U+\(String(bad?.value ?? 0, radix: 16)) printed raw in: \(line.debugDescription)")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(!trimmed.hasPrefix("delete GHL contact c-forged") && !trimmed.hasPrefix("update Fulcrum record f-forged"), "forged line: \(line)")
        }
        for name in names { #expect(text.contains(TextEscaping.escape(name.value)), "\(name.label) is not shown escaped") }
    }
}
