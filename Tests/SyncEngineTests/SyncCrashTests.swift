import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// Kills `fgsync sync` with SIGKILL at every journal transition of a delta pass (edits on both
/// sides, tags, a Fulcrum delete), runs it again, and checks the rerun converges with no gap:
/// every change arrived, nothing was duplicated, the journal is clean and a further pass writes
/// nothing. The cursors moved only with the batch they covered, so a killed pass re-reads its
/// window.
@Suite(.serialized)
struct SyncCrashTests {
    static let people = 8

    @Test func killingASyncAtEveryWriteStepLosesNothingAndDuplicatesNothing() async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        let runner = try ChildRunner(harness: harness, concurrency: 2)
        let points = try await Self.points(harness, runner: runner)
        #expect(points.count >= 20, "only \(points.count) points in the pass")
        var killed = 0
        for point in points {
            try await Self.prepare(harness, runner: runner)
            let crashed = try await runner.run("sync", crashAt: point)
            #expect(crashed == .killed, "the pass was not killed at \(point)")
            if crashed == .killed { killed += 1 }
            #expect(try await runner.run("sync") == .exited(0), "the pass after a crash at \(point) did not finish")
            let writesBefore = harness.writeCount()
            #expect(try await runner.run("sync") == .exited(0))
            #expect(harness.writeCount() == writesBefore, "a third pass still wrote after a crash at \(point)")
            try await Self.check(harness, point: point.description)
        }
        #expect(killed >= 20, "only \(killed) passes were killed")
    }

    /// The points a clean pass of the scenario goes through.
    static func points(_ harness: LiveHarness, runner: ChildRunner) async throws -> [ChildCrashPoint] {
        try await prepare(harness, runner: runner)
        let trace = harness.directory.appendingPathComponent("sync-trace.jsonl")
        #expect(try await runner.run("sync", trace: trace.path) == .exited(0))
        return try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").map { line in
            let point = try JSONDecoder().decode(CrashPoint.self, from: Data(line.utf8))
            let id = try #require(point.fulcrumId ?? point.contactId)
            return ChildCrashPoint(id: id, step: point.step, label: point.label)
        }
    }

    /// Fresh simulators and state, a first full reconcile, then edits on both sides.
    static func prepare(_ harness: LiveHarness, runner: ChildRunner) async throws {
        await harness.sims.cluster.fulcrum.reset()
        await harness.sims.cluster.ghl.reset()
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: harness.statePath + suffix) }
        await LiveSeeds.pairs(harness, count: people)
        #expect(try await runner.reconcile() == .exited(0))
        for index in 1...people - 1 {
            if index % 2 == 1 {
                try await harness.editContact(LiveSeeds.contactId(index), ["lastName": "Edited\(index)"])
            } else {
                try await harness.editRecord(LiveSeeds.recordId(index), ["company_name": "Edited \(index) Ltd"])
            }
        }
        _ = try await harness.sims.ghlClient.addTags(id: LiveSeeds.contactId(2), tags: ["renewal"])
        try await harness.sims.fulcrumClient.deleteRecord(id: LiveSeeds.recordId(people))
    }

    /// Every edit arrived once, nothing is duplicated, the journal is clean.
    static func check(_ harness: LiveHarness, point: String) async throws {
        let contacts = await harness.contacts()
        let records = await harness.records()
        #expect(contacts.count == people - 1, "crash at \(point): \(contacts.count) contacts")
        #expect(records.count == people - 1, "crash at \(point): \(records.count) records")
        for index in 1...people - 1 {
            let (recordId, contactId) = (LiveSeeds.recordId(index), LiveSeeds.contactId(index))
            #expect(await harness.linkedContactId(ofRecord: recordId) == contactId, "crash at \(point): \(recordId) lost its link")
            let lastName = index % 2 == 1 ? "Edited\(index)" : LiveSeeds.names[index - 1].1
            #expect(await harness.recordValue(recordId, "last_name") == lastName, "crash at \(point): \(recordId).last_name")
            #expect(await harness.contactValue(contactId, "lastName") == lastName, "crash at \(point): \(contactId).lastName")
            let company = index % 2 == 0 ? "Edited \(index) Ltd" : "Company \(index)"
            #expect(await harness.contactValue(contactId, "companyName") == company, "crash at \(point): \(contactId).companyName")
        }
        #expect(await harness.recordTags(LiveSeeds.recordId(2)).contains("renewal"), "crash at \(point): the tag was lost")
        #expect(await harness.sims.cluster.ghl.store.contact(id: LiveSeeds.contactId(people)) == nil, "crash at \(point): the delete was lost")
        let store = try SQLiteStateStore(path: harness.statePath)
        #expect(try await store.pendingJournal().isEmpty, "crash at \(point): the journal still has pending writes")
    }
}
