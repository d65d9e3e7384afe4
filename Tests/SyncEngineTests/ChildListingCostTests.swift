import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// What listing children costs: an unlinked contact is listed only in the run that pairs it,
/// and a delta dry run lists (reads only) the children of the pairs it previews.
@Suite(.serialized)
struct ChildListingCostTests {
    static let record = LiveSeeds.recordId(1)
    static let contact = LiveSeeds.contactId(1)

    /// The simulators' config with no sweep: a pair is listed only when it moved.
    static func config(_ harness: LiveHarness) -> MappingConfig {
        var config = harness.sims.config
        config.children.sweepShare = 0
        return config
    }

    /// GHL note listings (`GET /contacts/:contactId/notes`) `body` sent.
    static func noteListings<T>(_ harness: LiveHarness, _ body: () async throws -> T) async throws -> (T, Int) {
        func count() -> Int { harness.stats().ghl["byRoute"]?["GET /contacts/:contactId/notes"]?.intValue ?? 0 }
        let before = count()
        let result = try await body()
        return (result, count() - before)
    }

    @Test func anUnlinkedContactIsListedOnlyInTheRunThatPairsItAndItsNoteComesWithIt() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            let config = Self.config(harness)
            let (_, listedFirst) = try await Self.noteListings(harness) { try await harness.reconcile(ReconcileOptions(), config: config) }
            #expect(listedFirst == 1, "the contact the run matched is listed when its pair is planned")
            // Same email as the linked person: held (a create would duplicate them), never paired.
            await harness.sims.cluster.ghl.store.seed(contacts: [
                harness.sims.ghlContact(id: "GhlDup", fields: ["firstName": "Dup", "lastName": "Licate", "email": LiveSeeds.email(1)])
            ])
            let held = try await harness.reconcile(ReconcileOptions(), config: config)  // the link writes moved the pair
            #expect(held.held.contains { $0.contactId == "GhlDup" }, "\(held.held)")
            let (_, listedQuiet) = try await Self.noteListings(harness) { try await harness.reconcile(ReconcileOptions(), config: config) }
            #expect(listedQuiet == 0, "a run with no change lists no contact, linked or held")

            // The held contact gets its own email and a note: the run that creates its record lists it.
            try await harness.editContact("GhlDup", ["email": "dup@example.com"])
            _ = try await harness.sims.ghlClient.createNote(
                contactId: "GhlDup", json: try JSONSerialization.data(withJSONObject: ["body": "met at the fair"]))
            let created = try await harness.reconcile(ReconcileOptions(), config: config)
            #expect(created.failed.isEmpty, "\(created.failed)")
            let record = try #require(await harness.records().first { $0.id != Self.record })
            #expect(try await harness.items(record.id, .note).map { $0["body"] } == ["met at the fair"])
        }
    }

    @Test func aDeltaDryRunListsChildrenAndPreviewsTheirWritesWithoutSendingThem() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            let item = try harness.newItem(.note, ["body": "Gate code 1234"])
            try await harness.editItems(Self.record, .note) { $0 + [item] }
            var options = ReconcileOptions()
            options.delta = true
            options.dryRun = true

            let (preview, writes) = try await harness.countingWrites { try await harness.reconcile(options, config: harness.childConfig) }

            let operations = preview.operations ?? []
            #expect(operations.contains { $0.side == "ghl" && $0.kind == "createNote" }, "\(operations.map(\.kind))")
            #expect(operations.contains { $0.side == "fulcrum" && $0.kind == "linkChild" }, "\(operations.map(\.kind))")
            #expect(writes.total == 0, "a dry run sends nothing: \(writes)")
            #expect(await harness.notes(Self.contact).isEmpty)
            options.dryRun = false
            let applied = try await harness.reconcile(options, config: harness.childConfig)
            #expect(applied.applied["ghl"]?["createNote"] == 1, "\(applied.applied)")
        }
    }
}
