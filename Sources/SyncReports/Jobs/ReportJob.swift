import Foundation
import SyncEngine
import SyncStore

/// `fgsync report`: regenerates a past run's report from the state file, which it opens
/// read-only (the file is never modified).
public struct ReportJob: Sendable {
    /// The state file.
    public var statePath: String
    /// `last` or a run id.
    public var selector: String
    /// The formats to produce.
    public var formats: [ReportFormat]
    /// Where to write the files; `nil` returns the rendered text instead.
    public var outDirectory: URL?

    /// What the job produced.
    public struct Result: Sendable {
        /// The run's report.
        public var report: RunReport
        /// The files written (empty when no directory was given).
        public var files: [URL]
        /// The rendered bytes of the first format, for standard output when no directory was given.
        public var rendered: Data
    }

    /// Creates a job.
    public init(statePath: String, run: String = "last", formats: [ReportFormat], outDirectory: URL? = nil) {
        self.statePath = statePath
        self.selector = run
        self.formats = formats
        self.outDirectory = outDirectory
    }

    /// Loads the report and renders it.
    ///
    /// - Throws: `ReportError` (unknown run, no report, unwritable directory) or `StoreError`
    ///   (no state file, a file from a newer fgsync).
    public func run() async throws -> Result {
        let store = try SQLiteStateStore.openReadOnly(path: statePath)
        let report = try await Self.load(store: store, run: selector)
        let files = try outDirectory.map { try ReportFormat.write(report, formats: formats, to: $0) } ?? []
        return Result(report: report, files: files, rendered: try (formats.first ?? .md).render(report))
    }

    /// The stored report of `run` (`last` or an id).
    static func load(store: any StateStore, run: String) async throws -> RunReport {
        let id: Int64
        if run == "last" {
            guard let last = try await store.lastReportedRunId() else {
                throw ReportError(.unknownRun, "\(store.location) holds no run reports yet; run `fgsync reconcile` (or --dry-run) first")
            }
            id = last
        } else {
            guard let parsed = Int64(run), parsed > 0 else {
                throw ReportError(.usage, "--run must be a run id (a positive number, see `fgsync status`) or `last`, not \"\(run)\"")
            }
            id = parsed
        }
        guard let data = try await store.runReport(runId: id) else {
            if let record = try await store.run(id) {
                throw ReportError(
                    .noReport,
                    "run \(id) (\(record.kind), \(record.outcome ?? "unfinished")) stored no report: it ran before reports were kept or did not finish; `fgsync status` lists the runs")
            }
            let latest = try await store.recentRuns(limit: 1).first.map { "the latest is \($0.id)" } ?? "it has no runs yet"
            throw ReportError(.unknownRun, "there is no run \(id) in \(store.location) (\(latest)); `fgsync status` lists the runs")
        }
        do {
            return try RunReport.decode(data)
        } catch {
            throw ReportError(.noReport, "the stored report of run \(id) does not decode (\(error)); it may come from a newer fgsync")
        }
    }
}
