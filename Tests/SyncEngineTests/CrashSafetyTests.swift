import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncStore
import TestSupport
import Testing

/// Kills `fgsync reconcile` (SIGKILL, at journal checkpoints chosen by a seeded generator)
/// while it applies a plan against the simulators, runs it again, and checks nothing was
/// duplicated or lost and the journal is clean.
@Suite(.serialized)
struct CrashSafetyTests {
    @Test func killingAReconcileAtAnyPointLosesAndDuplicatesNothing() async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        let runner = try ChildRunner(harness: harness)
        var random = TestSupport.SeededRandom(seed: 0xC0FFEE)
        var killedPoints = Set<String>()
        var firstSyncPoints = Array(1...60).shuffled(using: &random)
        var editPoints = Array(1...20).shuffled(using: &random)
        var trials = 0
        while killedPoints.count < 52, trials < 80, !(firstSyncPoints.isEmpty && editPoints.isEmpty) {
            trials += 1
            let edits = (trials % 3 == 0 || firstSyncPoints.isEmpty) && !editPoints.isEmpty
            let point = edits ? editPoints.removeLast() : firstSyncPoints.removeLast()
            try await CrashScenario.reset(harness)
            if edits {
                #expect(try await runner.reconcile() == .exited(0))
                try await CrashScenario.editBothSides(harness)
            }
            let crashed = try await runner.reconcile(crashAfter: point)
            if crashed == .killed { killedPoints.insert("\(edits ? "edit" : "first"):\(point)") }
            #expect(try await runner.reconcile() == .exited(0), "the run after a crash at \(point) did not finish")
            if trials % 4 == 0 {
                let writesBefore = harness.writeCount()
                #expect(try await runner.reconcile() == .exited(0))
                #expect(harness.writeCount() == writesBefore, "a third run still wrote after a crash at \(point)")
            }
            try await CrashScenario.check(harness, edited: edits, point: point)
        }
        #expect(killedPoints.count >= 50, "only \(killedPoints.count) distinct crash points were reached")
    }
}

/// The data the crash test syncs, and what must hold afterwards.
enum CrashScenario {
    static func reset(_ harness: LiveHarness) async throws {
        await harness.sims.cluster.fulcrum.reset()
        await harness.sims.cluster.ghl.reset()
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: harness.statePath + suffix) }
        let sims = harness.sims
        await sims.cluster.fulcrum.store.seed(records: [
            sims.fulcrumRecord(id: "f-ada", values: ["first_name": "Ada", "email": "ada@example.com", "phone": "(415) 555-0101"], tags: ["VIP"]),
            sims.fulcrumRecord(id: "f-grace", values: ["first_name": "Grace", "email": "grace@example.com"]),
            sims.fulcrumRecord(id: "f-alan", values: ["first_name": "Alan", "email": "alan@example.org", "company_name": "Bletchley"]),
            sims.fulcrumRecord(id: "f-edsger", values: ["first_name": "Edsger", "email": "ewd@example.nl"], tags: ["Lead"]),
            sims.fulcrumRecord(id: "f-hedy", values: ["first_name": "Hedy", "email": "hedy@example.com", "phone": "+1 415.555.0107"]),
        ])
        await sims.cluster.ghl.store.seed(contacts: [
            sims.ghlContact(fields: ["firstName": "Ada", "email": "ADA@example.com", "companyName": "Engines"], tags: ["newsletter"]),
            sims.ghlContact(fields: ["firstName": "Grace", "email": "grace@example.com", "phone": "+14155550102"]),
            sims.ghlContact(fields: ["firstName": "Katherine", "email": "kj@example.com"], tags: ["customer"]),
            sims.ghlContact(fields: ["firstName": "Barbara", "email": "bl@example.com"]),
            sims.ghlContact(fields: ["firstName": "Radia", "email": "radia@example.com"], tags: ["lead"]),
        ])
    }

    static func editBothSides(_ harness: LiveHarness) async throws {
        let sims = harness.sims
        let contacts = await harness.contacts()
        let ada = try #require(contacts.first { $0.string("email")?.lowercased() == "ada@example.com" })
        let kj = try #require(contacts.first { $0.string("email")?.lowercased() == "kj@example.com" })
        let barbara = try #require(contacts.first { $0.string("email")?.lowercased() == "bl@example.com" })
        let phoneKey = sims.formKeys["phone"] ?? ""
        _ = try await sims.fulcrumClient.patchRecord(id: "f-grace", json: Data(#"{"form_values":{"\#(phoneKey)":"(415) 555-0199"}}"#.utf8))
        _ = try await sims.ghlClient.updateContact(id: ada.id, json: Data(#"{"companyName":"Analytical Engines"}"#.utf8))
        _ = try await sims.ghlClient.addTags(id: kj.id, tags: ["renewal"])
        try await sims.ghlClient.deleteContact(id: barbara.id)
    }

    static func check(_ harness: LiveHarness, edited: Bool, point: Int) async throws {
        let keys = harness.sims.formKeys
        let linkField = harness.sims.summary.ghl.externalIdFieldId
        let contacts = await harness.contacts()
        let records = await harness.records()
        let expected = edited ? 7 : 8
        #expect(contacts.count == expected, "crash at \(point): \(contacts.count) contacts, expected \(expected)")
        #expect(records.count == expected, "crash at \(point): \(records.count) records, expected \(expected)")
        let emails = contacts.compactMap { $0.string("email")?.lowercased() }
        #expect(Set(emails).count == emails.count, "crash at \(point): duplicate contacts \(emails.sorted())")
        for record in records {
            let contactId = record.formValues[keys["ghl_contact_id"] ?? ""]?.stringValue
            let contact = contacts.first { $0.id == contactId }
            #expect(contact?.customFields[linkField]?.stringValue == record.id, "crash at \(point): \(record.id) is not linked both ways")
            for (name, ghl) in [("first_name", "firstName"), ("email", "email"), ("company_name", "companyName")] {
                let fulcrumValue = record.formValues[keys[name] ?? ""]?.stringValue?.lowercased()
                #expect(fulcrumValue == contact?.string(ghl)?.lowercased(), "crash at \(point): \(record.id).\(name) differs")
            }
        }
        if edited {
            let grace = records.first { $0.id == "f-grace" }
            #expect(contacts.first { $0.string("email")?.lowercased() == "grace@example.com" }?.string("phone") == "+14155550199", "crash at \(point): Fulcrum's phone edit was lost")
            #expect(grace?.formValues[keys["phone"] ?? ""]?.stringValue == "(415) 555-0199")
            #expect(records.contains { $0.formValues[keys["company_name"] ?? ""]?.stringValue == "Analytical Engines" }, "crash at \(point): GHL's company edit was lost")
            #expect(!records.contains { $0.formValues[keys["email"] ?? ""]?.stringValue == "bl@example.com" }, "crash at \(point): the delete was not carried over")
        }
        let store = try StateStore(path: harness.statePath)
        #expect(try await store.pendingJournal().isEmpty, "crash at \(point): the journal still has pending writes")
    }
}

/// Runs the built `fgsync` binary as a child process against the harness's simulators.
struct ChildRunner {
    enum Outcome: Equatable { case exited(Int32), killed }

    let binary: URL
    let configPath: String
    let harness: LiveHarness

    init(harness: LiveHarness) throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [here.appendingPathComponent("fgsync"),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/fgsync")]
        binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build fgsync first (swift build)")
        configPath = harness.directory.appendingPathComponent("fgsync.yaml").path
        let yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(of: "max_delete: 20%", with: "max_delete: 50%")
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        self.harness = harness
    }

    func reconcile(crashAfter point: Int? = nil) async throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["reconcile", "--config", configPath, "--state", harness.statePath, "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["FULCRUM_TOKEN"] = harness.sims.summary.fulcrum.token
        environment["GHL_TOKEN"] = harness.sims.summary.ghl.token
        environment["FGSYNC_TEST_CRASH_AFTER"] = point.map(String.init)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationReason == .uncaughtSignal ? .killed : .exited(finished.terminationStatus))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}
