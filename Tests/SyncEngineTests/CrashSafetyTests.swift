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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kills `fgsync reconcile` with SIGKILL at every journal transition of every pair (a point is
/// a pair and the n-th transition of its writes, so it is the same point at any concurrency),
/// runs it again, and checks nothing was duplicated or lost, tags and child items included, and
/// the journal is clean. The points are learnt from a traced run of the same scenario.
@Suite(.serialized)
struct CrashSafetyTests {
    @Test(arguments: [1, 4])
    func killingAReconcileAtEveryPairAndStepLosesAndDuplicatesNothing(concurrency: Int) async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        let runner = try ChildRunner(harness: harness, concurrency: concurrency)
        var killed = 0
        for edited in [false, true] {
            let points = try await CrashScenario.points(harness, runner: runner, edited: edited)
            #expect(points.count >= (edited ? 8 : 30), "only \(points.count) points in the \(edited ? "edit" : "first") run")
            let childPoints = points.filter { $0.label.hasPrefix("child ") }.count
            #expect(childPoints >= (edited ? 14 : 10), "only \(childPoints) points during child writes in the \(edited ? "edit" : "first") run")
            for (index, point) in points.enumerated() {
                try await CrashScenario.prepare(harness, runner: runner, edited: edited)
                let crashed = try await runner.reconcile(crashAt: point)
                #expect(crashed == .killed, "the run was not killed at \(point)")
                if crashed == .killed { killed += 1 }
                #expect(try await runner.reconcile() == .exited(0), "the run after a crash at \(point) did not finish")
                if index % 4 == 0 {
                    let writesBefore = harness.writeCount()
                    #expect(try await runner.reconcile() == .exited(0))
                    #expect(harness.writeCount() == writesBefore, "a third run still wrote after a crash at \(point)")
                }
                try await CrashScenario.check(harness, runner: runner, edited: edited, point: point.description)
            }
        }
        #expect(killed >= 40, "only \(killed) runs were killed")
    }

    /// The same with the state in PostgreSQL (a killed run's lease is taken over by the next
    /// run on this machine), at every third point, to keep the suite's time.
    @Test(.enabled(if: PostgresTestServer.url != nil, "set FGSYNC_TEST_POSTGRES_URL to a PostgreSQL server (Tests/Postgres/start.sh starts one)"))
    func killingAReconcileOnPostgreSQLStateLosesAndDuplicatesNothing() async throws {
        try await PostgresTestServer.withDatabase { url in
            let harness = try await LiveHarness.start()
            defer { Task { await harness.stop() } }
            let runner = try ChildRunner(harness: harness, concurrency: 4, postgresURL: url)
            var killed = 0
            for edited in [false, true] {
                let points = try await CrashScenario.points(harness, runner: runner, edited: edited)
                for point in points.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
                    try await CrashScenario.prepare(harness, runner: runner, edited: edited)
                    let crashed = try await runner.reconcile(crashAt: point)
                    #expect(crashed == .killed, "the run was not killed at \(point)")
                    if crashed == .killed { killed += 1 }
                    #expect(try await runner.reconcile() == .exited(0), "the run after a crash at \(point) did not finish")
                    try await CrashScenario.check(harness, runner: runner, edited: edited, point: point.description)
                }
            }
            #expect(killed >= 12, "only \(killed) runs were killed")
        }
    }
}

/// Where the crash test stops a run: a seeded id of the pair and the step within its writes.
struct ChildCrashPoint: CustomStringConvertible {
    var id: String
    var step: Int
    var label: String
    var description: String { "\(id)#\(step) (\(label))" }
}

/// The data the crash test syncs, and what must hold afterwards.
enum CrashScenario {
    static let seededIds: Set<String> = [
        "f-ada", "f-grace", "f-alan", "f-edsger", "f-hedy", "GhlAda", "GhlGrace", "GhlKatherine", "GhlBarbara", "GhlRadia",
    ]

    /// The points a clean run of the scenario passes, each named by the pair's seeded id.
    static func points(_ harness: LiveHarness, runner: ChildRunner, edited: Bool) async throws -> [ChildCrashPoint] {
        try await prepare(harness, runner: runner, edited: edited)
        let trace = harness.directory.appendingPathComponent("trace-\(edited).jsonl")
        #expect(try await runner.reconcile(trace: trace.path) == .exited(0))
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
        return try lines.map { line in
            let point = try JSONDecoder().decode(CrashPoint.self, from: Data(line.utf8))
            let id = try #require([point.fulcrumId, point.contactId].compactMap { $0 }.first(where: seededIds.contains), "\(point)")
            return ChildCrashPoint(id: id, step: point.step, label: point.label)
        }
    }

    /// Fresh simulators and state file; for the edit scenario, a first sync and edits on both sides.
    static func prepare(_ harness: LiveHarness, runner: ChildRunner, edited: Bool) async throws {
        try await reset(harness)
        if let url = runner.postgresURL {
            try await PostgresTestServer.execute(["DROP SCHEMA IF EXISTS fgsync_default CASCADE", "DROP SCHEMA IF EXISTS fgsync CASCADE"], url: url)
        }
        if edited {
            #expect(try await runner.reconcile() == .exited(0))
            try await editBothSides(harness)
        }
    }

    static func reset(_ harness: LiveHarness) async throws {
        await harness.sims.cluster.fulcrum.reset()
        await harness.sims.cluster.ghl.reset()
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: harness.statePath + suffix) }
        let sims = harness.sims
        var ada = sims.fulcrumRecord(id: "f-ada", values: ["first_name": "Ada", "email": "ada@example.com", "phone": "(415) 555-0101"], tags: ["VIP"])
        if case .object(var record) = ada, case .object(var values) = record["form_values"], let notesKey = sims.formKeys["notes"] {
            values[notesKey] = notes(sims)
            record["form_values"] = .object(values)
            ada = .object(record)
        }
        await sims.cluster.fulcrum.store.seed(records: [
            ada,
            sims.fulcrumRecord(id: "f-grace", values: ["first_name": "Grace", "email": "grace@example.com"]),
            sims.fulcrumRecord(id: "f-alan", values: ["first_name": "Alan", "email": "alan@example.org", "company_name": "Bletchley"]),
            sims.fulcrumRecord(id: "f-edsger", values: ["first_name": "Edsger", "email": "ewd@example.nl"], tags: ["Lead"]),
            sims.fulcrumRecord(id: "f-hedy", values: ["first_name": "Hedy", "email": "hedy@example.com", "phone": "+1 415.555.0107"]),
        ])
        await sims.cluster.ghl.store.seed(contacts: [
            sims.ghlContact(id: "GhlAda", fields: ["firstName": "Ada", "email": "ADA@example.com", "companyName": "Engines"], tags: ["newsletter"]),
            sims.ghlContact(id: "GhlGrace", fields: ["firstName": "Grace", "email": "grace@example.com", "phone": "+14155550102"]),
            sims.ghlContact(id: "GhlKatherine", fields: ["firstName": "Katherine", "email": "kj@example.com"], tags: ["customer"]),
            sims.ghlContact(id: "GhlBarbara", fields: ["firstName": "Barbara", "email": "bl@example.com"]),
            sims.ghlContact(id: "GhlRadia", fields: ["firstName": "Radia", "email": "radia@example.com"], tags: ["lead"]),
        ])
        _ = try await sims.ghlClient.createNote(contactId: "GhlAda", json: Data(#"{"body":"Called about the engine"}"#.utf8))
        _ = try await sims.ghlClient.createTask(
            contactId: "GhlKatherine", json: Data(#"{"title":"Send the orbit tables","dueDate":"2026-12-01T10:00:00Z","completed":false}"#.utf8))
    }

    static let noteText = "Met at the Analytical Society"

    /// Ada's Fulcrum note (a repeatable item); the body is keyed by any key, which is enough
    /// for the engine, which must carry the item over untouched.
    static func notes(_ sims: LiveSimulators) -> JSONValue {
        [["id": "note-ada-1", "version": 1, "created_at": "1780000000", "updated_at": "1780000000",
          "form_values": ["2b02": .string(noteText)]]]
    }

    /// The ids and texts of a record's repeatable items.
    static func items(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).map { item in
            let texts = (item["form_values"]?.objectValue ?? [:]).values.compactMap(\.stringValue).sorted()
            return ([item["id"]?.stringValue ?? "?"] + texts).joined(separator: " ")
        }
    }

    static func editBothSides(_ harness: LiveHarness) async throws {
        let sims = harness.sims
        let phoneKey = sims.formKeys["phone"] ?? ""
        _ = try await sims.fulcrumClient.patchRecord(id: "f-grace", json: Data(#"{"form_values":{"\#(phoneKey)":"(415) 555-0199"}}"#.utf8))
        _ = try await sims.ghlClient.updateContact(id: "GhlAda", json: Data(#"{"companyName":"Analytical Engines"}"#.utf8))
        _ = try await sims.ghlClient.addTags(id: "GhlKatherine", tags: ["renewal"])
        try await sims.ghlClient.deleteContact(id: "GhlBarbara")
        // Children: a note edited in GHL, a task completed in GHL, a note added in Fulcrum.
        let notes = try await sims.ghlClient.notes(contactId: "GhlAda")
        let call = try #require(try notes.first { try $0.object()["body"] as? String == "Called about the engine" })
        _ = try await sims.ghlClient.updateNote(contactId: "GhlAda", noteId: call.id, json: Data(#"{"body":"Called about the engine twice"}"#.utf8))
        let task = try #require(try await sims.ghlClient.tasks(contactId: "GhlKatherine").first)
        _ = try await sims.ghlClient.completeTask(contactId: "GhlKatherine", taskId: task.id, completed: true)
        let item = try harness.newItem(.note, ["body": "Prefers mornings"])
        try await harness.editItems("f-grace", .note) { $0 + [item] }
    }

    /// Tags as a case-folded set, from a Fulcrum tags value or GHL's tag list.
    static func tags(_ value: JSONValue?) -> Set<String> {
        let items = (value?["choice_values"]?.arrayValue ?? []) + (value?["other_values"]?.arrayValue ?? [])
        return Set(items.compactMap { $0.stringValue?.lowercased() })
    }

    static func check(_ harness: LiveHarness, runner: ChildRunner, edited: Bool, point: String) async throws {
        let sims = harness.sims
        let keys = sims.formKeys
        let linkField = sims.summary.ghl.externalIdFieldId
        let contacts = await harness.contacts()
        let records = await harness.records()
        let expected = edited ? 7 : 8
        #expect(contacts.count == expected, "crash at \(point): \(contacts.count) contacts, expected \(expected)")
        #expect(records.count == expected, "crash at \(point): \(records.count) records, expected \(expected)")
        let emails = contacts.compactMap { $0.string("email")?.lowercased() }
        #expect(Set(emails).count == emails.count, "crash at \(point): duplicate contacts \(emails.sorted())")
        var tagsByEmail: [String: Set<String>] = [:]
        for record in records {
            let contactId = record.formValues[keys["ghl_contact_id"] ?? ""]?.stringValue
            let contact = contacts.first { $0.id == contactId }
            #expect(contact?.customFields[linkField]?.stringValue == record.id, "crash at \(point): \(record.id) is not linked both ways")
            for (name, ghl) in [("first_name", "firstName"), ("email", "email"), ("company_name", "companyName")] {
                let fulcrumValue = record.formValues[keys[name] ?? ""]?.stringValue?.lowercased()
                #expect(fulcrumValue == contact?.string(ghl)?.lowercased(), "crash at \(point): \(record.id).\(name) differs")
            }
            let fulcrumTags = tags(record.formValues[keys["tags"] ?? ""])
            #expect(fulcrumTags == Set(contact?.tags.map { $0.lowercased() } ?? []), "crash at \(point): \(record.id)'s tags differ")
            if let email = record.formValues[keys["email"] ?? ""]?.stringValue?.lowercased() { tagsByEmail[email] = fulcrumTags }
        }
        #expect(tagsByEmail["ada@example.com"] == ["vip", "newsletter"], "crash at \(point): Ada's tags \(tagsByEmail["ada@example.com"] ?? [])")
        #expect(tagsByEmail["ewd@example.nl"] == ["lead"], "crash at \(point): Edsger's tags")
        #expect(tagsByEmail["kj@example.com"] == (edited ? ["customer", "renewal"] : ["customer"]), "crash at \(point): Katherine's tags")
        // Child items: synced both ways (issue 9), neither lost nor duplicated by a crash and its recovery.
        let ada = records.first { $0.id == "f-ada" }
        let notes = try #require(harness.mapping.children.kind(.note))
        let adaItems = ada?.formValues[notes.repeatable.key]?.arrayValue ?? []
        let itemBodies = adaItems.compactMap { $0["form_values"]?[notes.fields[0].element.key]?.stringValue }
        let ghlNotes = try await sims.ghlClient.notes(contactId: "GhlAda")
        let ghlBodies = try ghlNotes.map { try $0.object()["body"] as? String ?? "" }
        let call = edited ? "Called about the engine twice" : "Called about the engine"
        #expect(itemBodies.sorted() == [call, noteText], "crash at \(point): Ada's Fulcrum notes \(items(ada?.formValues[notes.repeatable.key]))")
        #expect(ghlBodies.sorted() == [call, noteText], "crash at \(point): Ada's GHL notes \(ghlBodies)")
        #expect(adaItems.contains { $0["id"]?.stringValue == "note-ada-1" }, "crash at \(point): Ada's own note item was replaced")
        #expect(Set(adaItems.compactMap { $0["form_values"]?[notes.linkElement.key]?.stringValue }) == Set(ghlNotes.map(\.id)),
                "crash at \(point): Ada's note items do not carry their GHL note ids")
        #expect(try await sims.ghlClient.tasks(contactId: "GhlKatherine").count == 1, "crash at \(point): Katherine's GHL tasks")
        let tasks = try #require(harness.mapping.children.kind(.task))
        let katherine = records.first { $0.formValues[keys["email"] ?? ""]?.stringValue == "kj@example.com" }
        let katherineTasks = katherine?.formValues[tasks.repeatable.key]?.arrayValue ?? []
        #expect(katherineTasks.count == 1, "crash at \(point): Katherine's Fulcrum tasks")
        let completed = tasks.fields.first { $0.ghl == "completed" }!.element.key
        #expect((katherineTasks.first?["form_values"]?[completed]?.stringValue == "yes") == edited, "crash at \(point): Katherine's task completion")
        if edited {
            let grace = records.first { $0.id == "f-grace" }
            let graceItems = grace?.formValues[notes.repeatable.key]?.arrayValue ?? []
            #expect(graceItems.count == 1, "crash at \(point): Grace's Fulcrum notes \(items(grace?.formValues[notes.repeatable.key]))")
            let graceNotes = try await sims.ghlClient.notes(contactId: "GhlGrace")
            #expect(try graceNotes.map { try $0.object()["body"] as? String } == ["Prefers mornings"], "crash at \(point): Grace's GHL notes")
        }
        if edited {
            let grace = records.first { $0.id == "f-grace" }
            #expect(contacts.first { $0.id == "GhlGrace" }?.string("phone") == "+14155550199", "crash at \(point): Fulcrum's phone edit was lost")
            #expect(grace?.formValues[keys["phone"] ?? ""]?.stringValue == "(415) 555-0199")
            #expect(ada?.formValues[keys["company_name"] ?? ""]?.stringValue == "Analytical Engines", "crash at \(point): GHL's company edit was lost")
            #expect(!records.contains { $0.formValues[keys["email"] ?? ""]?.stringValue == "bl@example.com" }, "crash at \(point): the delete was not carried over")
        }
        let store = try await runner.openState()
        #expect(try await store.pendingJournal().isEmpty, "crash at \(point): the journal still has pending writes")
        try store.close()
    }
}

/// Runs the built `fgsync` binary as a child process against the harness's simulators.
struct ChildRunner {
    /// How a child ended: only SIGKILL counts as the kill the test asked for. `unobserved`
    /// carries waitid's errno when the end could not be seen.
    enum Outcome: Equatable { case exited(Int32), killed, signalled(Int32), unobserved(Int32) }

    let binary: URL
    let configPath: String
    let harness: LiveHarness
    let concurrency: Int
    /// A PostgreSQL database to keep the state in (`state: { url_env }`), instead of the file.
    let postgresURL: String?

    init(harness: LiveHarness, concurrency: Int, postgresURL: String? = nil) throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [here.appendingPathComponent("fgsync"),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/fgsync")]
        binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build fgsync first (swift build)")
        configPath = harness.directory.appendingPathComponent("fgsync.yaml").path
        var yaml = harness.sims.summary.fgsyncConfigYAML().replacingOccurrences(of: "max_delete: 20%", with: "max_delete: 50%")
        if postgresURL != nil { yaml += "\nstate: { url_env: FGSYNC_STATE_URL }\n" }
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        self.harness = harness
        self.concurrency = concurrency
        self.postgresURL = postgresURL
    }

    /// The state the runs keep: the harness's file, or the default sync's schema.
    func openState() async throws -> any StateStore {
        guard let postgresURL else { return try SQLiteStateStore(path: harness.statePath) }
        return try await StateOpener(environment: ["FGSYNC_STATE_URL": postgresURL])
            .open(.postgres(urlEnv: "FGSYNC_STATE_URL", schema: "fgsync_default"))
    }

    func reconcile(crashAt point: ChildCrashPoint? = nil, trace: String? = nil) async throws -> Outcome {
        try await run("reconcile", crashAt: point, trace: trace)
    }

    /// Runs `fgsync <command>` (`reconcile` or `sync`) to its end or its crash point.
    func run(_ command: String, crashAt point: ChildCrashPoint? = nil, trace: String? = nil) async throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["FGSYNC_STATE_URL"] = postgresURL
        environment["FULCRUM_TOKEN"] = harness.sims.summary.fulcrum.token
        environment["GHL_TOKEN"] = harness.sims.summary.ghl.token
        environment["FGSYNC_TEST_CRASH_AT"] = point.map { "\($0.id)#\($0.step)" }
        environment["FGSYNC_TEST_CRASH_TRACE"] = trace
        let child = try ChildProcess(
            executable: binary.path,
            arguments: [command, "--config", configPath, "--quiet", "--concurrency", String(concurrency)]
                + (postgresURL == nil ? ["--state", harness.statePath] : []),
            environment: environment)
        switch await child.termination() {
        case .exited(let status): return .exited(status)
        case .signalled(let signal): return signal == SIGKILL ? .killed : .signalled(signal)
        case .unobserved(let error): return .unobserved(error)
        }
    }
}
