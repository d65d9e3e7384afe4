import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Synchronization
import Testing

/// GHL's "duplicate of contact X" answer never merges two people that matching would keep apart.
@Suite(.serialized)
struct ReconcileDuplicateMergeTests {
    @Test func aCreateRefusedAsADuplicateOfSomeoneWithAnotherEmailIsNotMerged() async throws {
        try await LiveHarness.run { harness in
            // Alice is new in Fulcrum; Bob, who shares her office phone, arrives in GHL after the listing.
            await harness.sims.cluster.fulcrum.store.seed(records: [
                harness.sims.fulcrumRecord(
                    id: "f-alice", values: ["first_name": "Alice", "email": "alice@example.com", "phone": "+1 415 555 0142"])
            ])
            let store = harness.sims.cluster.ghl.store
            let bob = harness.sims.ghlContact(
                id: "GhlBob", fields: ["firstName": "Bob", "email": "bob@example.com", "phone": "+14155550142"])
            harness.ghlGateway = AfterListingGHLGateway(harness.ghlGateway) { await store.seed(contacts: [bob]) }

            let report = try await harness.reconcile()

            #expect(report.failed.contains { $0.fulcrumId == "f-alice" && $0.error.contains("will not merge") }, "\(report.failed)")
            let contact = try #require(await store.contact(id: "GhlBob"))
            #expect(contact.string("firstName") == "Bob")
            #expect(contact.string("email") == "bob@example.com")
            #expect(await harness.linkedRecordId(ofContact: "GhlBob") == nil, "Bob was linked to Alice's record")
            #expect(await harness.recordValue("f-alice", "first_name") == "Alice")
            #expect(await harness.linkedContactId(ofRecord: "f-alice") == nil)
        }
    }
}

/// The real GHL gateway; once the listing has been read, `then` runs (a contact added by
/// someone else between the snapshot and the writes).
final class AfterListingGHLGateway: ForwardingGHLGateway {
    let base: any GHLGateway
    let then: @Sendable () async throws -> Void
    private let armed = Mutex(true)

    init(_ base: any GHLGateway, then: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.then = then
    }

    func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
        try await base.contacts(page)
        if armed.withLock({ armed in defer { armed = false }; return armed }) { try await then() }
    }
}
