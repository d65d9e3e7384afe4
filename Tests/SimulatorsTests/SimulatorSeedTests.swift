import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct SimulatorSeedTests {
    @Test func seedFileLoadsRecordsContactsAndAppointmentsInTheAPIsShapes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "seed-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = """
            {"fulcrum": {"records": [{"id": "r1", "form_values": {"1a01": "Ann"}}]},
             "ghl": {"contacts": [{"id": "c1", "firstName": "Ann"}], "appointments": [{"id": "a1", "contactId": "c1"}]}}
            """
        try Data(text.utf8).write(to: file)
        let seed = try SimulatorSeed.load(from: file)
        #expect(seed.fulcrumRecords.count == 1)
        #expect(seed.ghlContacts.first?["firstName"] == "Ann")
        #expect(seed.ghlAppointments.count == 1)
    }

    @Test func seededFulcrumRecordsKeepTheirServerVersionAndTimes() async throws {
        let seed: JSONValue = [
            "id": "r1", "version": 7, "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-02-01T00:00:00Z",
            "form_values": ["1a01": "Ann"],
        ]
        let sim = await Fixture.fulcrum(seed: [seed])
        try await sim.application().test(.router) { client in
            let record = try await client.fulcrum(.get, "/api/v2/records/r1.json").json["record"]!
            #expect(record["version"] == 7)
            #expect(record["updated_at"] == "2025-02-01T00:00:00Z")
            #expect(record["form_id"] == .string(Fixture.formId))
            let since = try await client.fulcrum(.get, "/api/v2/records?updated_since=2025-01-15T00:00:00Z")
            #expect(since.json["total_count"] == 1)
            let patched = try await client.fulcrum(.patch, "/api/v2/records/r1", ["record": ["status": "x"]])
            #expect(patched.json["record"]?["version"] == 8)
        }
    }
}
