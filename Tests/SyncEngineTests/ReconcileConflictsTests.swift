import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// Both sides change the same field of a pair: each conflict policy, end to end.
@Suite(.serialized)
struct ReconcileConflictsTests {
    /// After a first sync of three pairs, Fulcrum and GHL both change person 1's company; the
    /// side named `later` is edited a minute after the other (simulated time).
    static func conflictingEdits(_ harness: LiveHarness, later: Side) async throws {
        await LiveSeeds.pairs(harness, count: 3)
        let first = try await harness.reconcile()
        #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
        harness.advanceClock(seconds: 60)
        if later == .ghl {
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editContact("Ghl1", ["companyName": "GHL Corp"])
        } else {
            try await harness.editContact("Ghl1", ["companyName": "GHL Corp"])
            harness.advanceClock(seconds: 60)
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Corp"])
        }
    }

    @Test func newestGivesTheConflictToTheSideEditedLaterGHL() async throws {
        try await LiveHarness.run { harness in
            try await Self.conflictingEdits(harness, later: .ghl)

            let (report, writes) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(policyOverride: .newest))
            }

            let conflict = try #require(report.conflicts.first)
            #expect(report.conflicts.count == 1)
            #expect(conflict.field == "company_name" && conflict.fulcrumId == "f-1" && conflict.contactId == "Ghl1")
            #expect(conflict.fulcrum == "Fulcrum Corp" && conflict.ghl == "GHL Corp" && conflict.base == "Company 1")
            #expect(conflict.winner == "ghl" && conflict.rule == "newest-record", "\(conflict)")
            #expect(writes.fulcrum == ["PATCH /api/v2/records/:id": 1] && writes.ghl.isEmpty, "\(writes)")
            #expect(await harness.recordValue("f-1", "company_name") == "GHL Corp")
            #expect(await harness.contactValue("Ghl1", "companyName") == "GHL Corp")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func newestGivesTheConflictToTheSideEditedLaterFulcrum() async throws {
        try await LiveHarness.run { harness in
            try await Self.conflictingEdits(harness, later: .fulcrum)

            let (report, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(report.conflicts.map(\.winner) == ["fulcrum"], "\(report.conflicts)")
            #expect(report.conflicts.map(\.rule) == ["newest-record"])
            #expect(writes.ghl == ["PUT /contacts/:contactId": 1] && writes.fulcrum.isEmpty, "\(writes)")
            #expect(await harness.contactValue("Ghl1", "companyName") == "Fulcrum Corp")
            #expect(await harness.recordValue("f-1", "company_name") == "Fulcrum Corp")
        }
    }

    @Test func fulcrumPolicyGivesTheConflictToFulcrumEvenWhenGHLIsNewer() async throws {
        try await LiveHarness.run { harness in
            try await Self.conflictingEdits(harness, later: .ghl)

            let (report, writes) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(policyOverride: .fulcrum))
            }

            #expect(report.conflicts.map(\.winner) == ["fulcrum"], "\(report.conflicts)")
            #expect(report.conflicts.map(\.rule) == ["fulcrum"])
            #expect(writes.ghl == ["PUT /contacts/:contactId": 1] && writes.fulcrum.isEmpty, "\(writes)")
            #expect(await harness.contactValue("Ghl1", "companyName") == "Fulcrum Corp")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func ghlPolicyGivesTheConflictToGHLEvenWhenFulcrumIsNewer() async throws {
        try await LiveHarness.run { harness in
            try await Self.conflictingEdits(harness, later: .fulcrum)

            let (report, writes) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(policyOverride: .ghl))
            }

            #expect(report.conflicts.map(\.winner) == ["ghl"], "\(report.conflicts)")
            #expect(report.conflicts.map(\.rule) == ["ghl"])
            #expect(writes.fulcrum == ["PATCH /api/v2/records/:id": 1] && writes.ghl.isEmpty, "\(writes)")
            #expect(await harness.recordValue("f-1", "company_name") == "GHL Corp")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func manualPolicyWritesNothingAndReportsTheConflictWithNoWinnerUntilAPersonDecides() async throws {
        try await LiveHarness.run { harness in
            try await Self.conflictingEdits(harness, later: .ghl)

            let (report, writes) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(policyOverride: .manual))
            }
            let (again, quiet) = try await harness.countingWrites {
                try await harness.reconcile(ReconcileOptions(policyOverride: .manual))
            }

            #expect(report.outcome == "ok")
            #expect(report.conflicts.count == 1)
            #expect(report.conflicts.first?.winner == nil && report.conflicts.first?.rule == "manual", "\(report.conflicts)")
            #expect(writes.total == 0, "\(writes)")
            #expect(await harness.recordValue("f-1", "company_name") == "Fulcrum Corp")
            #expect(await harness.contactValue("Ghl1", "companyName") == "GHL Corp")
            #expect(again.conflicts.map(\.field) == ["company_name"], "the open conflict is reported again")
            #expect(quiet.total == 0, "\(quiet)")
        }
    }

    @Test func theReportFileListsEachConflictWithBothValuesTheWinnerAndTheRule() async throws {
        try await LiveHarness.run { harness in
            try await Self.conflictingEdits(harness, later: .fulcrum)
            let folder = harness.directory.appendingPathComponent("report")

            let report = try await harness.reconcile(ReconcileOptions(reportDirectory: folder))

            let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
            let written = try JSONDecoder().decode(RunReport.self, from: data)
            #expect(written == report)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let conflicts = try #require(object["conflicts"] as? [[String: Any]])
            #expect(conflicts.count == 1)
            #expect(conflicts.first?["fulcrum"] as? String == "Fulcrum Corp")
            #expect(conflicts.first?["ghl"] as? String == "GHL Corp")
            #expect(conflicts.first?["winner"] as? String == "fulcrum")
            #expect(conflicts.first?["rule"] as? String == "newest-record")
            #expect(conflicts.first?["fulcrumUpdatedAt"] is String && conflicts.first?["ghlUpdatedAt"] is String)
        }
    }
}
