import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// `newest` decided per field with the best evidence known, end to end (issue 10, item 5):
/// Fulcrum's record history, a stored GHL webhook, else the record's time.
@Suite(.serialized)
struct ReconcileNewestEvidenceTests {
    /// Record-history requests the Fulcrum simulator has answered.
    static func historyRequests(_ harness: LiveHarness) -> Int {
        (harness.stats().fulcrum["byRoute"]?.objectValue ?? [:])
            .filter { $0.key.hasPrefix("GET ") && $0.key.contains("history") }
            .reduce(0) { $0 + ($1.value.intValue ?? 0) }
    }

    /// Stores a GHL `ContactUpdate` webhook for `contactId` as `serve` would, sent now.
    static func storeWebhook(_ harness: LiveHarness, contactId: String, fields: [String: String]) async throws {
        let now = Date(timeIntervalSince1970: Double(harness.sims.cluster.options.clock.nowMillis()) / 1_000)
        var payload: [String: Any] = [
            "type": "ContactUpdate", "locationId": harness.sims.summary.ghl.locationId, "id": contactId,
            "timestamp": Timestamp.format(now, milliseconds: true), "webhookId": "wh-\(contactId)-\(now.timeIntervalSince1970)",
        ]
        for (key, value) in fields { payload[key] = value }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self)
        let store = try SQLiteStateStore(path: harness.statePath)
        try await store.insertInboxEvent(InboxEvent(id: "wh-\(contactId)-\(now.timeIntervalSince1970)", source: "ghl", payload: json))
    }

    @Test func aFulcrumRecordSavedLaterForAnotherFieldDoesNotWinAFieldGHLChangedLater() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["companyName": "GHL Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editRecord("f-1", ["first_name": "Augusta"])
            let before = Self.historyRequests(harness)

            let report = try await harness.reconcile()

            let conflict = try #require(report.conflicts.first)
            #expect(report.conflicts.count == 1)
            #expect(conflict.field == "company_name" && conflict.winner == "ghl" && conflict.rule == "newest-record", "\(conflict)")
            #expect(await harness.recordValue("f-1", "company_name") == "GHL Corp")
            #expect(await harness.contactValue("Ghl1", "firstName") == "Augusta")
            #expect(Self.historyRequests(harness) - before == 1)
        }
    }

    @Test func aStoredWebhookDatesGHLsChangeWhenAnUnmappedEditMovedDateUpdatedLater() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["companyName": "GHL Corp"])
            try await Self.storeWebhook(harness, contactId: "Ghl1", fields: ["companyName": "GHL Corp", "firstName": "Ada"])
            harness.advanceClock(seconds: 60)
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["website": "https://ada.example"])

            let report = try await harness.reconcile()

            let conflict = try #require(report.conflicts.first)
            #expect(conflict.winner == "fulcrum" && conflict.rule == "newest-record", "\(conflict)")
            #expect(await harness.contactValue("Ghl1", "companyName") == "Fulcrum Corp")
        }
    }

    @Test func aWebhookThatDecidesTheConflictIsNamedAsTheEvidence() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["companyName": "GHL Corp"])
            try await Self.storeWebhook(harness, contactId: "Ghl1", fields: ["companyName": "GHL Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["timezone": "Europe/London"])

            let report = try await harness.reconcile()

            #expect(report.conflicts.map { "\($0.winner ?? "none")/\($0.rule)" } == ["ghl/newest-webhook"])
            #expect(await harness.recordValue("f-1", "company_name") == "GHL Corp")
        }
    }

    @Test func historyIsReadOncePerConflictingRecordAndOnlyUnderNewest() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            harness.advanceClock(seconds: 60)
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Corp", "last_name": "King"])
            try await harness.editRecord("f-2", ["company_name": "Fulcrum Navy"])
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["companyName": "GHL Corp", "lastName": "Byron"])
            try await harness.editContact("Ghl2", ["companyName": "GHL Navy"])
            let start = Self.historyRequests(harness)

            let manual = try await harness.reconcile(ReconcileOptions(policyOverride: .manual))
            let afterManual = Self.historyRequests(harness)
            let newest = try await harness.reconcile()

            #expect(manual.conflicts.count == 3 && newest.conflicts.count == 3)
            #expect(afterManual - start == 0, "no history read under manual")
            #expect(Self.historyRequests(harness) - afterManual == 2, "one per conflicting record")
            #expect(newest.conflicts.allSatisfy { $0.winner == "ghl" && $0.rule == "newest-record" }, "\(newest.conflicts)")
        }
    }
}
