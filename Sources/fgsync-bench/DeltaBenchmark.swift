import ArgumentParser
import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Logging
import Simulators
import SyncCore
import SyncEngine
import SyncServer
import SyncStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `fgsync-bench delta`: `fgsync serve` in front of the simulators, over loopback, with
/// `--pairs` linked pairs in the state file.
///
/// 1. Latency: an edit made through one API, its webhook, serve's pass, the write on the other
///    side; `--samples` edits each way, one at a time: p50, p99, max.
/// 2. Requests: after a first poll pass (which reads the window since the full reconcile), a
///    poll pass after 10 changes (5 per side, their webhooks lost) against the ideal (the
///    feed pages covering the changes + one write per change).
/// 3. Burst: `--burst` signed GHL deliveries sent within 10 s: all stored, answer times, and
///    the drain's requests and time against GHL's limit of 100 per 10 s.
///
/// The GHL limit is lifted in the simulator (the first reconcile of the pairs would otherwise
/// take hours); the burst section reports what the drain would need at the real limit.
struct DeltaBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delta", abstract: "fgsync serve against the simulators: webhook-to-write latency, requests per pass, a webhook burst.")

    @Option(help: "Linked pairs in the state file.") var pairs = 10_000
    @Option(help: "Edits timed in each direction.") var samples = 50
    @Option(help: "GHL webhooks in the burst.") var burst = 1_000

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-bench-delta-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SimulatorOptions()
        options.ghl.burstLimit = 100_000_000
        options.ghl.dailyLimit = 100_000_000
        options.fulcrum.hourlyLimit = 100_000_000
        let sims = try await LiveSimulators.start(options: options)
        defer { Task { await sims.stop() } }

        let setupStart = ContinuousClock.now
        let statePath = directory.appendingPathComponent("state.sqlite").path
        try await Self.seedLinked(sims, pairs: pairs)
        let configPath = directory.appendingPathComponent("fgsync.yml").path
        try sims.summary.fgsyncConfigYAML().write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = [
            "FULCRUM_TOKEN": sims.summary.fulcrum.token, "GHL_TOKEN": sims.summary.ghl.token,
            "FGSYNC_FULCRUM_WEBHOOK_SECRET": "bench-secret-0123456789abcdef",
        ]
        var first = ReconcileRun(configPath: configPath, statePath: statePath, options: ReconcileOptions())
        first.environment = environment
        let reconciled = try await first.run { _ in }
        let fileMB = Double((try? FileManager.default.attributesOfItem(atPath: statePath)[.size] as? Int) ?? 0) / 1_048_576
        print("setup: \(pairs) linked pairs seeded and reconciled (\(reconciled.outcome)) in \(ReconcileBenchmark.seconds(ContinuousClock.now - setupStart)) s; state file \(String(format: "%.0f", fileMB)) MB")

        // Ten minutes pass (on the simulators' clock) before the measured edits, as between a
        // nightly reconcile and the day's work: the delta passes' overlap windows (60 s on
        // Fulcrum's feed, the 5-minute GHL search lag) then cover the day's changes, not the seed.
        let clock = sims.cluster.clock
        clock.advance(millis: 600_000)
        let serve = try await Self.startServe(configPath: configPath, statePath: statePath, environment: environment, clock: clock)
        defer { Task { await serve.stop() } }
        sims.cluster.ghl.addWebhookTarget(serve.url + "/webhooks/ghl")
        _ = try await sims.fulcrumClient.createWebhook(name: "bench", url: serve.url + "/webhooks/fulcrum/" + environment["FGSYNC_FULCRUM_WEBHOOK_SECRET"]!)

        try await latency(sims)
        try await requests(sims, serve: serve)
        try await burstOfWebhooks(sims, serve: serve, statePath: statePath)
        print("peak RSS \(Int(PeakMemory.megabytes)) MB (simulators, serve and benchmark in one process)")
    }

    /// Pairs that are already linked on both sides (link fields set), with equal values.
    static func seedLinked(_ sims: LiveSimulators, pairs: Int) async throws {
        let linkKey = sims.formKeys["ghl_contact_id"] ?? ""
        let fieldId = sims.summary.ghl.externalIdFieldId
        var records: [JSONValue] = []
        var contacts: [JSONValue] = []
        for index in 0..<pairs {
            let values = ReconcileBenchmark.person(index, fulcrum: false)
            var record = sims.fulcrumRecord(id: "bench-f-\(index)", values: values)
            if case .object(var object) = record, case .object(var formValues) = object["form_values"] {
                formValues[linkKey] = .string("benchC\(index)")
                object["form_values"] = .object(formValues)
                record = .object(object)
            }
            records.append(record)
            var contact = sims.ghlContact(id: "benchC\(index)", fields: ReconcileBenchmark.ghlFields(values))
            if case .object(var object) = contact {
                object["customFields"] = [["id": .string(fieldId), "value": .string("bench-f-\(index)")]]
                contact = .object(object)
            }
            contacts.append(contact)
        }
        await sims.cluster.fulcrum.store.seed(records: records)
        await sims.cluster.ghl.store.seed(contacts: contacts)
    }

    /// Times `samples` edits each way, one at a time.
    private func latency(_ sims: LiveSimulators) async throws {
        let companyKey = sims.formKeys["company_name"] ?? ""
        var ghlToFulcrum: [Duration] = []
        var fulcrumToGHL: [Duration] = []
        for sample in 0..<samples {
            let index = (sample * 7_919) % pairs
            let value = "GHL edit \(sample)"
            let start = ContinuousClock.now
            _ = try await sims.ghlClient.updateContact(
                id: "benchC\(index)", json: try JSONSerialization.data(withJSONObject: ["companyName": value]))
            try await Self.waitFor {
                await sims.cluster.fulcrum.store.record(id: "bench-f-\(index)")?.formValues[companyKey]?.stringValue == value
            }
            ghlToFulcrum.append(ContinuousClock.now - start)

            let other = (index + pairs / 2) % pairs
            let fulcrumValue = "Fulcrum edit \(sample)"
            let again = ContinuousClock.now
            try await sims.editRecordAsAPerson(id: "bench-f-\(other)", values: ["company_name": fulcrumValue])
            try await Self.waitFor { await sims.cluster.ghl.store.contact(id: "benchC\(other)")?.string("companyName") == fulcrumValue }
            fulcrumToGHL.append(ContinuousClock.now - again)
        }
        print("latency, edit through one API -> written on the other side (\(samples) edits each way, \(pairs) pairs):")
        print("  GHL -> Fulcrum: \(Self.percentiles(ghlToFulcrum))")
        print("  Fulcrum -> GHL: \(Self.percentiles(fulcrumToGHL))")
    }

    /// A poll pass after 10 changes whose webhooks were lost, against the ideal.
    private func requests(_ sims: LiveSimulators, serve: RunningServe) async throws {
        // The first poll after a full reconcile reads the feeds from when its snapshot started
        // (every record the first sync touched): timed apart from the steady state.
        let warmStart = ContinuousClock.now
        let warm = try await serve.poll()
        print("first poll pass after the full reconcile: \(warm.outcome), read \(warm.snapshot.fulcrumRecords) Fulcrum feed entries and \(warm.snapshot.ghlContacts) GHL contacts, wall \(ReconcileBenchmark.seconds(ContinuousClock.now - warmStart)) s")
        await sims.cluster.ghl.webhooks.setDropping(true)
        await sims.cluster.fulcrum.webhooks.setDropping(true)
        for change in 0..<5 {
            let index = (change * 104_729 + 11) % pairs
            _ = try await sims.ghlClient.updateContact(
                id: "benchC\(index)", json: try JSONSerialization.data(withJSONObject: ["lastName": "Poll\(change)"]))
            try await sims.editRecordAsAPerson(id: "bench-f-\((index + 1) % pairs)", values: ["company_name": "Poll \(change)"])
        }
        await sims.cluster.ghl.webhooks.drain()
        await sims.cluster.fulcrum.webhooks.drain()
        await sims.cluster.ghl.webhooks.setDropping(false)
        await sims.cluster.fulcrum.webhooks.setDropping(false)
        let before = Self.routes(sims)
        let start = ContinuousClock.now
        let report = try await serve.poll()
        let wall = ContinuousClock.now - start
        let after = Self.routes(sims)
        let delta = after.merging(before) { $0 - $1 }.filter { $0.value > 0 }
        let sent = delta.values.reduce(0, +)
        let pages = (delta["GET /api/v2/records/history"] ?? 0) + (delta["POST /contacts/search"] ?? 0)
        let writes = report.applied.values.flatMap(\.values).reduce(0, +)
        let ideal = pages + 10
        print("poll pass after 10 changes among \(pairs) pairs (their webhooks lost): \(report.outcome), \(writes) writes, wall \(ReconcileBenchmark.seconds(wall)) s")
        print("  requests \(sent) (\(delta.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))")
        print("  ideal \(ideal) (\(pages) feed pages + one write per change); ratio \(String(format: "%.2f", Double(sent) / Double(ideal)))")
    }

    /// `burst` signed GHL deliveries within 10 s, each for another contact.
    private func burstOfWebhooks(_ sims: LiveSimulators, serve: RunningServe, statePath: String) async throws {
        let store = try SQLiteStateStore(path: statePath)
        let locationId = sims.summary.ghl.locationId
        let clock = sims.cluster.clock
        let before = Self.routes(sims)
        let spacing = Duration.milliseconds(10_000 / max(burst, 1))
        let start = ContinuousClock.now
        let answers = try await withThrowingTaskGroup(of: (Int, Duration).self) { group in
            for index in 0..<burst {
                try await Task.sleep(until: start + spacing * index)
                let contact = (index * 31 + 5) % pairs
                group.addTask {
                    let body = try JSONSerialization.data(withJSONObject: [
                        "type": "ContactUpdate", "locationId": locationId, "id": "benchC\(contact)",
                        "timestamp": Timestamp.format(clock.now(), milliseconds: true), "webhookId": "burst-\(index)-\(UUID().uuidString)",
                    ])
                    var request = URLRequest(url: URL(string: serve.url + "/webhooks/ghl")!)
                    request.httpMethod = "POST"
                    request.httpBody = body
                    for (name, value) in GHLWebhookSigner.shared.signatureHeaders(for: body) { request.setValue(value, forHTTPHeaderField: name) }
                    let sent = ContinuousClock.now
                    let (_, response) = try await URLSession.shared.data(for: request)
                    return ((response as? HTTPURLResponse)?.statusCode ?? 0, ContinuousClock.now - sent)
                }
            }
            return try await group.reduce(into: [(Int, Duration)]()) { $0.append($1) }
        }
        let sendWall = ContinuousClock.now - start
        let accepted = answers.filter { $0.0 == 200 }.count
        print("burst: \(burst) signed GHL webhooks sent in \(ReconcileBenchmark.seconds(sendWall)) s: \(accepted) answered 200")
        print("  answer time: \(Self.percentiles(answers.map(\.1)))")
        while try await store.inboxDepth().waiting > 0 {
            try await Task.sleep(for: .milliseconds(20))
            guard ContinuousClock.now - start < .seconds(600) else { break }
        }
        let drained = ContinuousClock.now - start
        let after = Self.routes(sims)
        let ghlRequests = after.filter { !$0.key.contains("/api/v2") }.map { $0.value - (before[$0.key] ?? 0) }.reduce(0, +)
        let depth = try await store.inboxDepth()
        print("  inbox drained (waiting \(depth.waiting), parked \(depth.parked)) \(ReconcileBenchmark.seconds(drained)) s after the first delivery")
        print("  GHL requests for the drain: \(ghlRequests); at GHL's limit of 100 per 10 s that is \(String(format: "%.0f", Double(ghlRequests) / 10)) s of budget")
    }

    /// Request counts by route from both simulators.
    static func routes(_ sims: LiveSimulators) -> [String: Int] {
        var all: [String: Int] = [:]
        for stats in [sims.cluster.fulcrum.statsSnapshot(), sims.cluster.ghl.statsSnapshot()] {
            for (route, count) in stats["byRoute"]?.objectValue ?? [:] { all[route, default: 0] += count.intValue ?? 0 }
        }
        return all
    }

    /// Waits (bounded) until `arrived` holds.
    static func waitFor(_ arrived: @Sendable () async -> Bool) async throws {
        let start = ContinuousClock.now
        while await !arrived() {
            guard ContinuousClock.now - start < .seconds(60) else { throw ValidationError("an edit did not arrive within 60 s") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// `p50 … ms, p99 … ms, max … ms`.
    static func percentiles(_ values: [Duration]) -> String {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return "no samples" }
        func at(_ share: Double) -> String {
            let value = sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * share).rounded(.up)))]
            return String(format: "%.0f ms", ReconcileBenchmark.secondsValue(value) * 1_000)
        }
        return "p50 \(at(0.5)), p99 \(at(0.99)), max \(at(1))"
    }
}

extension DeltaBenchmark {
    /// `fgsync serve` on a free port, on the simulators' clock, its poll timer off (the
    /// benchmarks measure webhooks and their passes, not the timer), logging warnings only.
    static func startServe(configPath: String, statePath: String?, environment: [String: String], clock: SimClock) async throws -> RunningServe {
        var job = ServeJob(configPath: configPath, statePath: statePath)
        job.now = { clock.now() }
        job.port = 0
        job.environment = environment
        job.pollTimer = false
        job.logger.logLevel = .warning
        return try await job.start()
    }
}
