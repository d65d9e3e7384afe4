import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Testing

/// Reconciles over real loopback HTTP against both simulators, with a real state file.
@Suite(.serialized)
struct ReconcileEndToEndTests {
    /// Fulcrum: Ada (email), Grace (phone only), Alan (new). GHL: Ada (email case differs),
    /// Grace (phone in E.164), Katherine (new).
    static func seedFirstSync(_ harness: LiveHarness) async {
        let sims = harness.sims
        await sims.cluster.fulcrum.store.seed(records: [
            sims.fulcrumRecord(id: "f-ada", values: ["first_name": "Ada", "last_name": "Lovelace", "email": "Ada@Example.com", "phone": "(415) 555-0101"], tags: ["VIP"]),
            sims.fulcrumRecord(id: "f-grace", values: ["first_name": "Grace", "last_name": "Hopper", "phone": "+1 415.555.0102"]),
            sims.fulcrumRecord(id: "f-alan", values: ["first_name": "Alan", "last_name": "Turing", "email": "alan@example.org"]),
        ])
        await sims.cluster.ghl.store.seed(contacts: [
            sims.ghlContact(id: "GhlAda", fields: ["firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"], tags: ["newsletter"]),
            sims.ghlContact(id: "GhlGrace", fields: ["firstName": "Grace", "lastName": "Hopper", "phone": "+14155550102", "companyName": "Navy"]),
            sims.ghlContact(id: "GhlKatherine", fields: ["firstName": "Katherine", "lastName": "Johnson", "email": "kj@example.com"]),
        ])
    }

    @Test func firstSyncMatchesByEmailAndPhoneAndCreatesTheRestBothWays() async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        await Self.seedFirstSync(harness)

        let report = try await harness.reconcile()

        #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
        #expect(report.applied["ghl"]?["create"] == 1)
        #expect(report.applied["fulcrum"]?["create"] == 1)
        let contacts = await harness.contacts()
        let records = await harness.records()
        #expect(contacts.count == 4)
        #expect(records.count == 4)
        let linkField = harness.sims.summary.ghl.externalIdFieldId
        let links = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.customFields[linkField]?.stringValue) })
        #expect(links["GhlAda"] == "f-ada")
        #expect(links["GhlGrace"] == "f-grace")
        let linkKey = harness.sims.formKeys["ghl_contact_id"] ?? ""
        for record in records {
            let contactId = record.formValues[linkKey]?.stringValue
            #expect(contactId != nil && links[contactId ?? ""] == record.id, "record \(record.id) is not linked both ways")
        }
        #expect(contacts.first { $0.id == "GhlGrace" }?.string("companyName") == "Navy")
        #expect(records.first { $0.id == "f-grace" }?.formValues[harness.sims.formKeys["company_name"] ?? ""]?.stringValue == "Navy")
        #expect(Set(contacts.first { $0.id == "GhlAda" }?.tags ?? []) == ["vip", "newsletter"])
    }

    @Test func aSecondRunWithNoChangesSendsNoWrites() async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        await Self.seedFirstSync(harness)
        _ = try await harness.reconcile()
        let before = harness.stats()

        let report = try await harness.reconcile()

        let after = harness.stats()
        #expect(report.outcome == "ok")
        #expect(report.planned.isEmpty, "\(report.planned)")
        for (name, stats) in [("fulcrum", (before.fulcrum, after.fulcrum)), ("ghl", (before.ghl, after.ghl))] {
            let old = stats.0["byRoute"]?.objectValue ?? [:]
            let new = stats.1["byRoute"]?.objectValue ?? [:]
            for (route, count) in new where !(route.hasPrefix("GET ") || route == "POST /contacts/search") {
                #expect(count == old[route], "\(name): \(route) was called on a no-change run")
            }
        }
    }
}
