import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncReports
import SyncStore
import Testing

/// `fgsync status` shows the children: per kind the linked children, open child conflicts, child
/// writes pending or failed in the journal, and how far the rolling listing got.
@Suite(.serialized)
struct ChildStatusTests {
    static let firstRecord = LiveSeeds.recordId(1)
    static let firstContact = LiveSeeds.contactId(1)
    static let secondRecord = LiveSeeds.recordId(2)

    /// The simulators' config with no sweep: a pair is listed only when it moved.
    static func config(_ harness: LiveHarness) -> MappingConfig {
        var config = harness.sims.config
        config.children.sweepShare = 0
        return config
    }

    static func counts(_ status: StatusJob.Status, _ kind: String) throws -> ChildrenStatus.Kind {
        try #require(status.children?.kinds.first { $0.kind == kind })
    }

    @Test func statusCountsLinkedChildrenConflictsJournalledWritesAndListingProgressPerKind() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            let config = Self.config(harness)
            _ = try await harness.reconcile(ReconcileOptions(), config: config)
            // The first run's link writes moved both pairs: this run lists them again.
            let first = try await harness.reconcile(ReconcileOptions(), config: config)
            let items = [
                try harness.newItem(.note, ["body": "one"]), try harness.newItem(.note, ["body": "two"]),
                try harness.newItem(.task, ["title": "Call back"]),
            ]
            try await harness.editItems(Self.firstRecord, .note) { $0 + items.prefix(2) }
            try await harness.editItems(Self.firstRecord, .task) { $0 + items.suffix(1) }
            let second = try await harness.reconcile(ReconcileOptions(), config: config)
            #expect(second.failed.isEmpty, "\(second.failed)")

            var status = try await StatusJob(statePath: harness.statePath).run()
            #expect(try Self.counts(status, "notes").linked == 2)
            #expect(try Self.counts(status, "tasks").linked == 1)
            #expect(try Self.counts(status, "appointments").linked == 0)
            #expect(status.children?.linkedPairs == 2 && status.children?.listedPairs == 2)
            #expect(status.children?.oldestListingRun == first.runId, "the second pair was last listed before the notes were added")
            #expect(status.text.contains("notes: 2 linked; 0 open conflicts; 0 pending, 0 failed"), "\(status.text)")
            #expect(status.text.contains("listed: 2 of 2 linked pairs; oldest listing from run #\(first.runId)"), "\(status.text)")

            // A note edited on both sides (manual: left open), a task create whose answer is lost
            // (pending), a note create GHL refuses (failed).
            let noteId = try #require(await harness.notes(Self.firstContact).first { $0.value == "one" }?.key)
            try await harness.setItem(Self.firstRecord, .note, ghlId: noteId, ["body": "one, Fulcrum"])
            _ = try await harness.sims.ghlClient.updateNote(
                contactId: Self.firstContact, noteId: noteId, json: try JSONSerialization.data(withJSONObject: ["body": "one, GHL"]))
            let task = try harness.newItem(.task, ["title": "Send quote"])
            try await harness.editItems(Self.firstRecord, .task) { $0 + [task] }
            let note = try harness.newItem(.note, ["body": "refused"])
            try await harness.editItems(Self.secondRecord, .note) { $0 + [note] }
            var faults = FaultConfig()
            faults.failNext = [
                .init(route: "/contacts/:contactId/tasks", method: "POST", count: 1, status: 0, applied: true),
                .init(route: "/contacts/:contactId/notes", method: "POST", count: 1, status: 400),
            ]
            harness.sims.cluster.ghl.setFaults(faults)
            _ = try await harness.reconcile(ReconcileOptions(policyOverride: .manual), config: config)

            status = try await StatusJob(statePath: harness.statePath).run()
            let notes = try Self.counts(status, "notes")
            #expect((notes.linked, notes.openConflicts, notes.pendingWrites, notes.failedWrites) == (2, 1, 0, 1), "\(notes)")
            let tasks = try Self.counts(status, "tasks")
            #expect((tasks.linked, tasks.openConflicts, tasks.pendingWrites, tasks.failedWrites) == (1, 0, 1, 0), "\(tasks)")
            let json = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
            #expect(json.contains("\"children\""), "\(json)")
        }
    }
}
