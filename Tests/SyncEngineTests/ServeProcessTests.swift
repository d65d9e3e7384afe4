import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncEngine
import SyncStore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `fgsync serve` as a real process: its first line says where it listens, SIGTERM stops it
/// cleanly, and a SIGKILL in the middle of applying events loses nothing: the events are in the
/// inbox and the writes in the journal, so a restarted serve finishes the work, once.
@Suite(.serialized)
struct ServeProcessTests {
    /// A running `fgsync serve` child.
    struct ServeProcess {
        let child: ChildProcess
        let url: String

        init(runner: ChildRunner, crashAt point: String? = nil) async throws {
            var environment = ProcessInfo.processInfo.environment
            for (name, value) in ServeHarness.environment(runner.harness) { environment[name] = value }
            environment["FGSYNC_TEST_CRASH_AT"] = point
            environment["FGSYNC_LOG_LEVEL"] = "error"
            child = try ChildProcess(
                executable: runner.binary.path,
                arguments: ["serve", "--config", runner.configPath, "--state", runner.harness.statePath, "--listen", "127.0.0.1:0"],
                environment: environment, standardOutput: .captured)
            let line = await child.standardOutput?.nextLine() ?? ""
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            url = try #require(object?["url"], "first line: \(line)")
        }

        /// Waits (at most a minute) for the process to end; its exit status, or minus the
        /// signal that ended it. A process still running then is killed and reported as 999; an
        /// end that could not be observed is 998.
        func exitStatus() async -> Int32 {
            let child = self.child
            return await withTaskGroup(of: Int32?.self) { group in
                group.addTask {
                    switch await child.termination() {
                    case .exited(let status): return status
                    case .signalled(let signal): return -signal
                    case .unobserved: return 998
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(60))
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                if let first { return first }
                child.send(SIGKILL)
                return 999
            }
        }

        func terminate() { child.send(SIGTERM) }
    }

    @Test func theFirstLineSaysWhereServeListensAndSIGTERMStopsItWithStatusZero() async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        let runner = try ChildRunner(harness: harness, concurrency: 1)
        await LiveSeeds.pairs(harness, count: 1)
        #expect(try await runner.reconcile() == .exited(0))

        let serve = try await ServeProcess(runner: runner)
        let (_, response) = try await URLSession.shared.data(from: URL(string: serve.url + "/healthz")!)
        serve.terminate()

        #expect(serve.url.hasPrefix("http://127.0.0.1:"))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(await serve.exitStatus() == 0)
    }

    @Test(arguments: ["f-1#1", "f-1#2", "f-1#3", "f-2#2"])
    func aServeKilledWhileApplyingEventsFinishesThemOnceAfterARestart(point: String) async throws {
        let harness = try await LiveHarness.start()
        defer { Task { await harness.stop() } }
        let runner = try ChildRunner(harness: harness, concurrency: 1)
        await LiveSeeds.pairs(harness, count: 3)
        #expect(try await runner.reconcile() == .exited(0))
        let first = try await ServeProcess(runner: runner, crashAt: point)
        try await Self.connect(harness, to: first.url)

        try await harness.editContact("Ghl1", ["lastName": "Killed"])
        try await harness.editRecordAsAPerson("f-2", ["company_name": "Restarted Ltd"])
        _ = try await harness.sims.ghlClient.addTags(id: "Ghl3", tags: ["renewal"])
        await harness.sims.cluster.ghl.webhooks.drain()
        await harness.sims.cluster.fulcrum.webhooks.drain()

        #expect(await first.exitStatus() == -SIGKILL, "serve was not killed at \(point)")
        let second = try await ServeProcess(runner: runner)
        defer { second.terminate() }
        let store = try SQLiteStateStore(path: harness.statePath)
        for _ in 0..<400 {
            let waiting = try await store.inboxDepth().waiting
            let pending = try await store.pendingJournal().count
            if waiting == 0 && pending == 0 { break }
            try await Task.sleep(for: .milliseconds(25))
        }

        #expect(try await store.inboxDepth().waiting == 0, "the events stored before the kill were worked")
        #expect(try await store.pendingJournal().isEmpty)
        #expect(await harness.recordValue("f-1", "last_name") == "Killed", "the first event was stored before the kill")
        // A delivery that came while serve was down is lost (GHL retries only on 429): the poll
        // pass (here `fgsync sync`) carries its change, once.
        #expect(try await runner.run("sync") == .exited(0))
        #expect(await harness.contactValue("Ghl2", "companyName") == "Restarted Ltd")
        #expect(await harness.recordTags("f-3").contains("renewal"))
        #expect(await harness.contacts().count == 3, "nothing duplicated")
        #expect(await harness.records().count == 3, "nothing duplicated")
        second.terminate()
        #expect(await second.exitStatus() == 0)
    }

    /// Points both simulators' webhooks at a serve process.
    static func connect(_ harness: LiveHarness, to url: String) async throws {
        harness.sims.cluster.ghl.addWebhookTarget(url + "/webhooks/ghl")
        try await ServeHarness.registerFulcrumWebhook(harness, url: url + "/webhooks/fulcrum/" + ServeHarness.secret)
    }
}
