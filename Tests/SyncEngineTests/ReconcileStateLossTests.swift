import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// Links live on both sides as well as in the state file: losing the file loses no links.
@Suite(.serialized)
struct ReconcileStateLossTests {
    @Test func aLostStateFileIsRebuiltFromTheLinksOnBothSidesWithoutWrites() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.mixed(harness)
            let first = try await harness.reconcile()
            #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: harness.statePath + suffix) }

            let (rebuilt, writes) = try await harness.countingWrites { try await harness.reconcile() }

            #expect(rebuilt.outcome == "ok", "\(rebuilt.failed.map(\.error))")
            #expect(rebuilt.planned.isEmpty, "\(rebuilt.planned)")
            #expect(rebuilt.held.isEmpty, "\(rebuilt.held)")
            #expect(writes.total == 0, "\(writes)")
            #expect(try await SQLiteStateStore(path: harness.statePath).baseCount() == 4, "the links were not recorded")

            // The rebuilt bases work: an edit is a one-sided change, not a first-match conflict.
            try await harness.editContact("GhlGrace", ["companyName": "Navy Labs"])
            let (edited, sent) = try await harness.countingWrites { try await harness.reconcile() }
            #expect(edited.conflicts.isEmpty, "\(edited.conflicts)")
            #expect(edited.applied == ["fulcrum": ["update": 1]], "\(edited.applied)")
            #expect(sent.total == 1, "\(sent)")
            #expect(await harness.recordValue("f-grace", "company_name") == "Navy Labs")
        }
    }
}
