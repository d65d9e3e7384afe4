import Foundation
import FulcrumAPI
import Simulators
import SyncHTTP
import Testing

/// `GET /api/v2/records/{id}/history.json`: every version of one record, oldest first, each a
/// full snapshot (fulcrum.md §2.7). The engine reads it to date a conflicting field's change.
@Suite(.serialized) struct FulcrumRecordHistoryTests {
    @Test func recordHistoryAsksForOneRecordAndReturnsItsVersionsOldestFirst() async throws {
        let transport = FakeTransport([
            .success(json(200, #"""
                {"records":[
                  {"id":"r1","version":2,"updated_at":"2026-01-02T00:00:00Z","history_change_type":"u","form_values":{}},
                  {"id":"r1","version":1,"updated_at":"2026-01-01T00:00:00Z","history_change_type":"c","form_values":{}}
                ],"current_page":1,"total_pages":1,"total_count":2,"per_page":20000}
                """#))
        ])

        let versions = try await FulcrumClientFactory.make(transport).recordHistory(id: "r1")

        #expect(transport.requests.map(\.url.path) == ["/api/v2/records/r1/history.json"])
        #expect(versions.map(\.record.version) == [1, 2])
        #expect(versions.map(\.change) == [.create, .update])
    }

    @Test func theSimulatorServesEveryVersionOfARecordAsAFullSnapshot() async throws {
        try await Loopback.run { loop in
            let client = loop.fulcrum()
            let formId = loop.summary.fulcrum.formId
            let created = try await client.createRecord(json: Data(
                #"{"form_id":"\#(formId)","form_values":{"1a01":"Ada","1a03":"ada@example.com"}}"#.utf8))
            loop.cluster.options.clock.advance(millis: 5_000)
            _ = try await client.patchRecord(id: created.id, json: Data(#"{"form_values":{"1a01":"Augusta"}}"#.utf8))

            let versions = try await client.recordHistory(id: created.id)

            #expect(versions.map(\.record.version) == [1, 2])
            #expect(versions.map(\.change) == [.create, .update])
            let names = try versions.map { try ($0.record.object()["form_values"] as? [String: Any])?["1a01"] as? String }
            #expect(names == ["Ada", "Augusta"])
            #expect(versions.allSatisfy { $0.historyId != nil })
            #expect(versions[1].record.updatedAt.map { $0.timeIntervalSince(versions[0].record.updatedAt ?? $0) } == 5)
        }
    }
}
