import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// The max_delete rail and dry runs: what a run refuses to write, and what it only shows.
@Suite(.serialized)
struct ReconcileSafetyTests {
    /// The simulators' config with `max_delete_floor: 1`, so 20% of six pairs decides.
    static func withoutFloor(_ harness: LiveHarness) -> MappingConfig {
        var config = harness.sims.config
        config.maxDeleteFloor = 1
        return config
    }

    @Test func deletingMoreThanMaxDeleteOfGHLContactsIsRefusedAndWritesNothingToFulcrum() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            // Two of six (33%) is more than the default 20%, once the floor no longer covers it.
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")
            try await harness.sims.ghlClient.deleteContact(id: "Ghl5")

            let (report, writes) = try await harness.countingWrites {
                try await harness.reconcile(config: Self.withoutFloor(harness))
            }

            #expect(report.outcome == "refused")
            #expect(report.exitCode == 3)
            #expect(report.rails.map(\.kind) == ["maxDelete"], "\(report.rails)")
            #expect(report.rails.first?.side == "fulcrum")
            #expect(report.planned["fulcrum"]?["delete"] == 2, "the report still shows the refused deletes")
            #expect(report.applied.isEmpty)
            #expect(writes.total == 0, "\(writes)")
            #expect(await harness.records().count == 6)
        }
    }

    @Test func forceLetsDeletesBeyondMaxDeleteThrough() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            try await harness.sims.ghlClient.deleteContact(id: "Ghl1")
            try await harness.sims.ghlClient.deleteContact(id: "Ghl5")
            let refused = try await harness.reconcile(config: Self.withoutFloor(harness))
            #expect(refused.outcome == "refused")

            let (report, writes) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(force: true), config: Self.withoutFloor(harness))
            }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.mode == "force")
            #expect(report.exitCode == 0)
            #expect(report.applied == ["fulcrum": ["delete": 2]], "\(report.applied)")
            #expect(writes.fulcrum == ["DELETE /api/v2/records/:id": 2] && writes.ghl.isEmpty, "\(writes)")
            #expect(await harness.records().map(\.id).sorted() == ["f-2", "f-3", "f-4", "f-6"])
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func aDryRunWritesNothingToEitherSystemButReportsThePlannedOperations() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            try await harness.editRecord("f-1", ["phone": "(415) 555-8888"])
            try await harness.editContact("Ghl2", ["companyName": "Navy Labs"])
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl3", tags: ["webinar"])
            try await harness.sims.fulcrumClient.deleteRecord(id: "f-4")
            let expected: [String: [String: Int]] = [
                "ghl": ["update": 1, "delete": 1], "fulcrum": ["update": 1, "addTags": 1],
            ]

            let (dry, writes) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(dryRun: true))
            }

            #expect(dry.outcome == "dry-run" && dry.mode == "dry-run")
            #expect(dry.exitCode == 0)
            #expect(dry.planned == expected, "\(dry.planned)")
            #expect(dry.applied.isEmpty)
            #expect(writes.total == 0, "\(writes)")
            #expect(await harness.contactValue("Ghl1", "phone") == "+14155550101")
            #expect(await harness.contacts().count == 6)

            // A real run after it sends exactly what the dry run showed.
            let (real, sent) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(real.planned == expected, "\(real.planned)")
            #expect(real.applied == expected, "\(real.applied)")
            #expect(sent.total == 4, "\(sent)")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func anEmptiedGHLLocationIsRefusedAsAnEmptySnapshot() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 6)
            _ = try await harness.reconcile()
            for index in 1...6 { try await harness.sims.ghlClient.deleteContact(id: LiveSeeds.contactId(index)) }

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "refused" && report.exitCode == 3)
            #expect(report.rails.contains { $0.kind == "emptySnapshot" && $0.side == "ghl" }, "\(report.rails)")
            #expect(writes.total == 0, "\(writes)")
            #expect(await harness.records().count == 6)
        }
    }

    @Test func aChangedMappingIsRefusedUntilForced() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            let yaml = harness.sims.summary.fgsyncConfigYAML()
                .replacingOccurrences(of: "  - { fulcrum: company_name, ghl: companyName }\n", with: "")
            let config = try MappingConfig.load(yaml: yaml, source: "narrower config")
            try await harness.editContact("Ghl1", ["lastName": "Byron"])

            let (refused, writes) = try await harness.countingWrites { try await harness.reconcile(config: config) }
            let forced = try await harness.reconcile(ReconcileOptions(force: true), config: config)
            let after = try await harness.reconcile(config: config)

            #expect(refused.outcome == "refused" && refused.exitCode == 3)
            #expect(refused.rails.map(\.kind) == ["mappingChanged"], "\(refused.rails)")
            #expect(writes.total == 0, "\(writes)")
            #expect(forced.outcome == "ok", "\(forced.failed.map(\.error))")
            #expect(forced.applied == ["fulcrum": ["update": 1]], "\(forced.applied)")
            #expect(await harness.recordValue("f-1", "last_name") == "Byron")
            #expect(after.rails.isEmpty && after.planned.isEmpty, "\(after.rails) \(after.planned)")
        }
    }
}
