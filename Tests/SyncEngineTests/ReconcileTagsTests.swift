import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// Tags added and removed on both sides merge as sets, compared case-folded.
@Suite(.serialized)
struct ReconcileTagsTests {
    @Test func tagsAddedAndRemovedOnBothSidesMergeAsCaseFoldedSets() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2, tags: ["VIP", "Customer", "Newsletter"])
            let first = try await harness.reconcile()
            #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
            // Fulcrum drops VIP and adds Lead and "Event 2026"; GHL drops newsletter and adds
            // "event 2026" (the same tag, lower-cased as GHL stores every tag) and "webinar".
            try await harness.setRecordTags("f-1", ["Customer", "Newsletter", "Lead", "Event 2026"])
            _ = try await harness.sims.ghlClient.removeTags(id: "Ghl1", tags: ["Newsletter"])
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl1", tags: ["Event 2026", "Webinar"])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.conflicts.isEmpty)
            let expected: Set<String> = ["customer", "lead", "event 2026", "webinar"]
            #expect(await harness.recordTags("f-1") == expected)
            #expect(Set(await harness.contacts().first { $0.id == "Ghl1" }?.tags ?? []) == expected)
            // GHL gets only the difference: add lead, remove vip; Fulcrum one PATCH of its tags.
            #expect(writes.ghl == ["POST /contacts/:contactId/tags": 1, "DELETE /contacts/:contactId/tags": 1], "\(writes)")
            #expect(writes.fulcrum == ["PATCH /api/v2/records/:id": 1], "\(writes)")
            #expect(await harness.recordTags("f-2") == ["vip", "customer", "newsletter"], "the other pair is untouched")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
            let (again, quiet) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(again.planned.isEmpty, "\(again.planned)")
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func aTagAddedOnBothSidesInDifferentCaseIsOneTagAndCostsNoWrite() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1, tags: ["Customer"])
            _ = try await harness.reconcile()
            try await harness.setRecordTags("f-1", ["Customer", "Partner"])
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl1", tags: ["PARTNER"])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.outcome == "ok")
            #expect(report.planned.isEmpty, "\(report.planned)")
            #expect(writes.total == 0, "\(writes)")
            #expect(await harness.recordTags("f-1") == ["customer", "partner"])
            #expect(await harness.contacts().first?.tags.sorted() == ["customer", "partner"])
        }
    }

    @Test func aTagBothSidesAddedThenOneSideRemovedStaysRemoved() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1, tags: ["Customer"])
            _ = try await harness.reconcile()
            try await harness.setRecordTags("f-1", ["Customer", "Partner"])
            _ = try await harness.sims.ghlClient.addTags(id: "Ghl1", tags: ["partner"])
            _ = try await harness.reconcile()
            try await harness.setRecordTags("f-1", ["Customer"])

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.applied == ["ghl": ["removeTags": 1]], "\(report.applied)")
            #expect(writes.ghl == ["DELETE /contacts/:contactId/tags": 1] && writes.fulcrum.isEmpty, "\(writes)")
            #expect(await harness.recordTags("f-1") == ["customer"])
            #expect(await harness.contacts().first?.tags == ["customer"])
        }
    }
}
