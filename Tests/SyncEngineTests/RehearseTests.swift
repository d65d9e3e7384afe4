import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Testing

/// `fgsync rehearse` over "real" simulators: it only reads them, and the end state it predicts
/// is, person by person, what the real reconcile then leaves.
@Suite(.serialized)
struct RehearseTests {
    /// A first sync with matches by email and phone, creates both ways, and linked pairs.
    static func seed(_ harness: LiveHarness) async {
        await ReconcileEndToEndTests.seedFirstSync(harness)
        await LiveSeeds.pairs(harness, count: 4, tags: ["lead"])
    }

    func rehearse(_ files: OnboardingFiles) async throws -> Rehearsal {
        var job = RehearseJob(configPath: files.configPath, statePath: files.statePath)
        job.environment = files.environment
        job.clientOptions = LiveHarness.clientOptions()
        return try await job.run()
    }

    @Test func theRealSystemsGetOnlyReadsAndTheStateFileIsNotCreated() async throws {
        try await LiveHarness.run { harness in
            await Self.seed(harness)
            let files = try OnboardingFiles(harness)

            let rehearsal = try await rehearse(files)

            #expect(harness.writeCount() == 0, "\(harness.stats())")
            let routes = [harness.stats().fulcrum, harness.stats().ghl].flatMap { ($0["byRoute"]?.objectValue ?? [:]).keys }
            #expect(routes.allSatisfy { $0.hasPrefix("GET ") || $0 == "POST /contacts/search" }, "\(routes)")
            #expect(!FileManager.default.fileExists(atPath: files.statePath))
            #expect(rehearsal.report.outcome == "ok", "\(rehearsal.report.failed.map(\.error))")
            #expect(rehearsal.report.applied["ghl"]?["create"] ?? 0 > 0, "\(rehearsal.report.applied)")
        }
    }

    @Test func thePredictedEndStateIsWhatTheRealReconcileLeavesPersonByPerson() async throws {
        try await LiveHarness.run { harness in
            await Self.seed(harness)
            let files = try OnboardingFiles(harness)

            let rehearsal = try await rehearse(files)
            let real = try await files.reconcile()
            let actual = try await EndState.read(fulcrum: harness.sims.fulcrumGateway, ghl: harness.sims.ghlGateway, mapping: harness.mapping)

            #expect(real.outcome == "ok")
            #expect(rehearsal.after.values == actual.values)
            #expect(rehearsal.after.linkedPairs == actual.linkedPairs)
            #expect(rehearsal.after.linkedPairs > rehearsal.before.linkedPairs)
            #expect(rehearsal.report.applied == real.applied, "\(rehearsal.report.applied) vs \(real.applied)")
        }
    }

    @Test func theSampleShowsEachChangedPersonBeforeAndAfter() async throws {
        try await LiveHarness.run { harness in
            await Self.seed(harness)
            let files = try OnboardingFiles(harness)

            let rehearsal = try await rehearse(files)

            #expect(rehearsal.sample.count == rehearsal.after.people.count)
            // Alan (f-3, Ghl3) is two people before the run, one linked pair after.
            let alan = try #require(rehearsal.sample.first { $0.after.fulcrumId == "f-3" })
            #expect(alan.before?.fulcrumId == "f-3" && alan.before?.contactId == "Ghl3" && alan.before?.linked == false)
            #expect(alan.after.linked)
            let changes = Rehearsal.changes(alan)
            #expect(changes.contains("GHL company_name: \"\" -> \"Company 3\""), "\(changes)")
            #expect(changes.contains("linked"), "\(changes)")
            #expect(rehearsal.text.contains("linked pairs:    0 -> 5"), "\(rehearsal.text)")
            #expect(rehearsal.text.contains("Held (left alone until corrected): 6"))
        }
    }

    @Test func aConflictsHistoryIsReadFromTheLiveFulcrumWithoutReadingTheRecordFirst() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            try await harness.editContact(LiveSeeds.contactId(1), ["companyName": "Rival Co"])
            let files = try OnboardingFiles(harness)

            let rehearsal = try await rehearse(files)

            #expect(rehearsal.report.conflicts.contains { $0.field == "company_name" }, "\(rehearsal.report.conflicts)")
            let routes = harness.stats().fulcrum["byRoute"]?.objectValue ?? [:]
            #expect(routes["GET /api/v2/records/:id/history"] != nil, "\(routes.keys.sorted())")
            #expect(routes["GET /api/v2/records/:id"] == nil, "\(routes.keys.sorted())")
        }
    }
}
