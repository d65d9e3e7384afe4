import ArgumentParser
import Dispatch
import Foundation
import SyncCore
import SyncEngine
import SyncStore
import SyncStorePostgres

/// `fgsync-bench plan`: ingests both snapshots of N records in pages into a fresh state file,
/// writes the N linked pairs' bases, then plans by streaming every linked pair through the planner, and prints rates and peak memory.
struct PlanBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Ingest N linked pairs into a fresh state file and plan them by streaming.")

    @Option(help: "Number of linked pairs.")
    var pairs: Int = 100_000

    @Option(help: "State file to create (replaced if it exists). Default: a temporary file, removed afterwards.")
    var state: String?

    @Option(help: "Fraction of records changed on each side since the base.")
    var changed: Double = 0.01

    @Option(help: "Records per ingest transaction.")
    var pageSize: Int = 1000

    @Option(help: "Records the store groups into one transaction while ingesting (1: every page alone).")
    var group: Int = 100_000

    @Option(help: "Bases per transaction when building the file (an import of earlier runs' bases; its writes count in bytes_written_mb).")
    var baseChunk: Int = 100_000

    @Option(help: "Pairs per streamed batch.")
    var batchSize: Int = 1000

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 20_260_601

    @Option(help: "Threads planning each streamed batch (pairs are independent).")
    var planThreads: Int = 2

    @Flag(help: "Stream and decode the linked pairs without planning them (the store's share of the plan phase).")
    var streamOnly = false

    @Flag(help: "Decode every pair whole, as before agreeing pairs were left undecoded (for comparison).")
    var decodeAll = false

    @Flag(help: "Plan an existing --state file built by an earlier run, without rebuilding it.")
    var planOnly = false

    @Flag(help: "Print one JSON object of figures (progress goes to stderr) instead of the text report.")
    var json = false

    @Flag(help: "Skip the sqlite3 reference join.")
    var noReference = false

    @Option(help: "Keep the state in PostgreSQL instead: the variable holding the postgres:// URL (a scratch schema, dropped afterwards).")
    var postgresUrlEnv: String?

    func validate() throws {
        if planOnly && state == nil { throw ValidationError("--plan-only needs --state PATH of an earlier run") }
        if postgresUrlEnv != nil && (planOnly || state != nil) { throw ValidationError("--postgres-url-env builds a scratch schema: leave out --state and --plan-only") }
        guard pairs > 0 else { throw ValidationError("--pairs must be positive") }
        guard (0...1).contains(changed) else { throw ValidationError("--changed must be between 0 and 1") }
        guard pageSize > 0, batchSize > 0, baseChunk > 0 else {
            throw ValidationError("--page-size, --batch-size and --base-chunk must be positive")
        }
    }

    func run() async throws {
        ProcessMemory.limitArenas()
        let path = state ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("fgsync-bench-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        if !planOnly { Self.removeStateFile(path) }
        defer { if state == nil { Self.removeStateFile(path) } }

        let clock = ContinuousClock()
        let start = clock.now
        let writtenAtStart = PeakMemory.bytesWritten ?? 0
        note("fgsync-bench plan: \(pairs) pairs, \(Int(changed * 100))% changed per side, pages of \(pageSize) committed in groups of \(group), state \(path)")
        let store = try await openStore(path: path)
        var figures = PlanFigures(pairs: pairs)
        figures.backend = postgresUrlEnv == nil ? "sqlite" : "postgres"

        var ingestTime = Duration.zero
        if !planOnly {
            // 1. Both full snapshots, one task per side (as a first run takes them; they make
            //    each side's dictionary, which the bases are then packed against).
            var cpu = PeakMemory.cpuSeconds
            var generation = 0.0
            ingestTime = try await clock.measure { generation = try await ingestSnapshots(store) }
            report("ingest", count: 2 * pairs, unit: "records", time: ingestTime, cpu: PeakMemory.cpuSeconds - cpu)
            figures.ingestCPUSeconds = PeakMemory.cpuSeconds - cpu
            note(String(format: "  of which generating the test records: %.2f CPU s (the threads' own time making pages)", generation))
            figures.generationCPUSeconds = generation
            figures.ingestRecordsPerSecond = Double(2 * pairs) / Self.seconds(ingestTime)

            // 2. Bases (and links) of every pair, as earlier runs would have left them.
            let writtenBeforeBases = PeakMemory.bytesWritten ?? 0
            cpu = PeakMemory.cpuSeconds
            let basesTime = try await clock.measure { try await writeBases(store) }
            report("bases", count: pairs, unit: "pairs", time: basesTime, cpu: PeakMemory.cpuSeconds - cpu)
            figures.basesBytesWrittenMB = Double((PeakMemory.bytesWritten ?? 0) - writtenBeforeBases) / 1_048_576
            figures.bytesWrittenMB = Double((PeakMemory.bytesWritten ?? 0) - writtenAtStart) / 1_048_576
        }

        // 3. Plan by streaming linked pairs through the pure planner.
        var summary = PlanSummary()
        let planCPU = PeakMemory.cpuSeconds
        let planTime = try await clock.measure { summary = try await plan(store) }
        report("plan", count: pairs, unit: "pairs", time: planTime, cpu: PeakMemory.cpuSeconds - planCPU)
        figures.planCPUSeconds = PeakMemory.cpuSeconds - planCPU
        figures.planPairsPerSecond = Double(pairs) / Self.seconds(planTime)
        figures.planSeconds = Self.seconds(planTime)
        figures.ingestPlanSeconds = Self.seconds(ingestTime + planTime)

        let total = clock.now - start
        note("operations planned: \(summary.operations) (pairs with writes \(summary.pairsWithWrites), conflicts \(summary.conflicts), held \(summary.held), rails \(summary.rails))")
        note("ingest + plan: \(Self.seconds(ingestTime + planTime)) s; total wall (incl. bases): \(Self.seconds(total)) s")
        figures.operations = summary.operations

        if !planOnly {
            // 4. The same snapshots again, nothing changed: what a quiet night writes.
            let before = PeakMemory.bytesWritten ?? 0
            let rerunTime = try await clock.measure { try await ingestSnapshots(store) }
            figures.rerunBytesWrittenMB = Double((PeakMemory.bytesWritten ?? 0) - before) / 1_048_576
            figures.rerunIngestSeconds = Self.seconds(rerunTime)
            note(String(format: "no-change re-ingest: %.2f s, %.1f MB written", figures.rerunIngestSeconds ?? 0, figures.rerunBytesWrittenMB ?? 0))
        }
        figures.peakRSSMB = PeakMemory.megabytes
        note(String(format: "peak memory (ru_maxrss): %.1f MB", PeakMemory.megabytes))
        if let database = store as? PostgresStateStore {
            figures.stateFileMB = Double(try await database.sizeInBytes()) / 1_048_576
            note(String(format: "state in PostgreSQL: %.1f MB (tables, indexes and TOAST; bytes the server wrote are not counted here)", figures.stateFileMB))
            try await database.removeSchema()
        } else {
            // Closing copies what the log still holds into the file: the last of building it.
            let beforeClose = PeakMemory.bytesWritten ?? 0
            try store.close()
            if let built = figures.bytesWrittenMB {
                figures.bytesWrittenMB = built + Double((PeakMemory.bytesWritten ?? 0) - beforeClose) / 1_048_576
            }
            figures.stateFileMB = Self.stateFileMegabytes(path)
            note(String(format: "state file: %.1f MB", figures.stateFileMB))
        }
        if !noReference {
            figures.referenceJoinSeconds = ReferenceJoin.seconds(
                rows: pairs, directory: URL(fileURLWithPath: path).deletingLastPathComponent())
            if let reference = figures.referenceJoinSeconds {
                let ratio = figures.planOverReference.map { String(format: "%.1f", $0) } ?? "not measurable (the join took under 1 ms)"
                note(String(format: "reference join (sqlite3, %d rows x 3 tables, warm): %.3f s; plan / reference = %@", pairs, reference, ratio))
            }
            // The store commits once a group holds `group` records, at a page's end.
            let committed = (group + pageSize - 1) / pageSize * pageSize
            if figures.backend == "sqlite", let write = ReferenceWrite.measure(
                builtFile: path, groupSize: committed, directory: URL(fileURLWithPath: path).deletingLastPathComponent())
            {
                figures.referenceWriteSeconds = write.seconds
                figures.referenceWriteCPUSeconds = write.cpuSeconds
                note(String(
                    format: "reference write (sqlite3 storing this file's mirror rows into a fresh file of its schema, groups of %d in id order): %.2f s, %.2f CPU s",
                    committed, write.seconds, write.cpuSeconds))
            }
        }
        if json { print(try figures.json()) }
    }

    /// Progress and the text report: stdout, or stderr when `--json` keeps stdout for the figures.
    func note(_ line: String) {
        if json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            say(line)
        }
    }

    /// The state file and its WAL, as they stand.
    static func stateFileMegabytes(_ path: String) -> Double {
        let bytes = ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
        return Double(bytes) / 1_048_576
    }

    /// The state file at `path`, or a scratch schema of the database `--postgres-url-env` names.
    func openStore(path: String) async throws -> any StateStore {
        guard let variable = postgresUrlEnv else { return try SQLiteStateStore(path: path, ingestGroupSize: group) }
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw ValidationError("\(variable) is not set; export the postgres:// URL of a database the benchmark may use")
        }
        let schema = "fgsync_bench_\(ProcessInfo.processInfo.processIdentifier)"
        note("state: PostgreSQL, scratch schema \(schema)")
        return try await PostgresStateStore.open(connector: PostgresConnector(url: url), schema: schema, ingestGroupSize: group)
    }

    // MARK: - Phases

    /// Writes the bases in Fulcrum id order, as the file would hold them after earlier runs;
    /// random-order inserts would rewrite every B-tree page once per transaction.
    func writeBases(_ store: any StateStore) async throws {
        let order = (0..<pairs).map { (SyntheticPair.fulcrumIdOrder(index: $0, seed: seed), $0) }.sorted { $0.0 < $1.0 }
        var start = 0
        while start < order.count {
            let end = min(order.count, start + baseChunk)
            try await store.recordBases(order[start..<end].map { SyntheticPair(index: $0.1, seed: seed, changed: changed).base })
            start = end
        }
    }

    /// Both full snapshots, one task per side, from pages each pair of which is generated once
    /// where the sides keep close enough (`SyntheticPages`); returns the CPU seconds spent
    /// generating them.
    @discardableResult
    func ingestSnapshots(_ store: any StateStore) async throws -> Double {
        let pages = SyntheticPages(pairs: pairs, pageSize: pageSize, seed: seed, changed: changed)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for side in [Side.fulcrum, .ghl] { group.addTask {
                let seq = try await store.beginSnapshot(side)
                for number in 0..<pages.count {
                    try await store.ingest(side, pages.page(side, number), snapshot: seq)
                }
                let outcome = try await store.finishSnapshot(side, snapshot: seq)
                if !outcome.removedIds.isEmpty { FileHandle.standardError.write(Data("\(side.rawValue): \(outcome.removedIds.count) unseen\n".utf8)) }
            } }
            try await group.waitForAll()
        }
        note("  pages made for one side alone (their pairs generated twice): \(pages.pagesMadeAlone) of \(2 * pages.count)")
        return pages.generationCPUSeconds
    }

    func plan(_ store: any StateStore) async throws -> PlanSummary {
        let settings = PlannerSettings(
            fields: SyntheticPair.fieldKeys.map { PlannerSettings.FieldRule(key: $0) }, mappingHash: "bench")
        let planner = Planner(settings: settings)
        var builder = PlanBuilder(settings: settings)
        let lanes = max(1, planThreads)
        if streamOnly {
            var streamed = 0
            if decodeAll {
                try await store.forEachLinkedPair(batchSize: batchSize) { streamed += $0.count }
            } else {
                try await store.forEachLinkedPair(batchSize: batchSize, keeping: []) { streamed += $0.count }
            }
            return PlanSummary(operations: 0, pairsWithWrites: 0, conflicts: 0, held: 0, rails: streamed == pairs ? 0 : 1)
        }
        let planBatch = { (batch: [LinkedPair]) in
            // Pairs are independent: plan slices of the batch on `lanes` threads, then add the
            // outcomes in key order so the plan is the same as a sequential run's.
            let slices = OutcomeSlices(count: lanes)
            let sliceSize = (batch.count + lanes - 1) / lanes
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let range = min(batch.count, lane * sliceSize)..<min(batch.count, (lane + 1) * sliceSize)
                slices.store(lane, batch[range].map { planner.planPair($0) })
            }
            for outcome in slices.all { builder.add(outcome, linked: true) }
        }
        if decodeAll {
            try await store.forEachLinkedPair(batchSize: batchSize) { batch in planBatch(batch.map { .decoded($0.0, $0.1, $0.2) }) }
        } else {
            try await store.forEachLinkedPair(batchSize: batchSize, keeping: [], planBatch)
        }
        let plan = builder.finish(
            fulcrumCount: try await store.mirrorCount(.fulcrum), ghlCount: try await store.mirrorCount(.ghl),
            storedMappingHash: "bench", force: false)
        return PlanSummary(
            operations: plan.pairs.reduce(0) { $0 + $1.operations.count },
            pairsWithWrites: plan.pairs.filter { !$0.operations.isEmpty }.count,
            conflicts: plan.conflicts.count, held: plan.held.count, rails: plan.rails.count)
    }

    // MARK: - Output

    func report(_ phase: String, count: Int, unit: String, time: Duration, cpu: Double) {
        let seconds = Self.seconds(time)
        let rate = seconds > 0 ? Double(count) / seconds : 0
        let written = PeakMemory.bytesWritten.map { String(format: ", %.0f MB written so far", Double($0) / 1_048_576) } ?? ""
        note(String(
            format: "%@: %d %@ in %.2f s (%.0f %@/s), %.2f CPU s, peak %.0f MB%@", phase, count, unit, seconds, rate, unit, cpu,
            PeakMemory.megabytes, written))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    static func removeStateFile(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Prints a line unbuffered, so progress shows while a long run is redirected to a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// What the benchmark prints about the plan.
struct PlanSummary {
    var operations = 0
    var pairsWithWrites = 0
    var conflicts = 0
    var held = 0
    var rails = 0
}

/// Per-lane planning results of one batch, read back in lane order.
// @unchecked Sendable: each lane writes only its own slot, under `lock`; read after all lanes end.
final class OutcomeSlices: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[PairOutcome]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ lane: Int, _ outcomes: [PairOutcome]) {
        lock.lock()
        defer { lock.unlock() }
        slots[lane] = outcomes
    }

    var all: [PairOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}

