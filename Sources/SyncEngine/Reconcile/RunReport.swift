import Foundation
import SyncCore

/// The machine-readable summary of one run, written as `report.json` (schema `fgsync.report/1`).
public struct RunReport: Codable, Sendable, Hashable {
    /// One write that did not complete.
    public struct Failure: Codable, Sendable, Hashable {
        /// `fulcrum` or `ghl`.
        public var side: String
        /// The operation kind.
        public var kind: String
        /// The Fulcrum record id, if known.
        public var fulcrumId: String?
        /// The GHL contactId, if known.
        public var contactId: String?
        /// What went wrong and what to do.
        public var error: String
    }

    /// What the snapshots saw.
    public struct Snapshot: Codable, Sendable, Hashable {
        /// Fulcrum records listed.
        public var fulcrumRecords: Int
        /// GHL contacts listed.
        public var ghlContacts: Int
        /// Mirrored Fulcrum records no longer listed (deleted in Fulcrum).
        public var goneFromFulcrum: Int
        /// Mirrored GHL contacts no longer listed (deleted in GHL).
        public var goneFromGHL: Int
        /// Listed Fulcrum records whose raw JSON the mirror already held under the same
        /// mapping: kept without projecting them again (absent when none were).
        public var fulcrumUnchanged: Int? = nil
        /// Listed GHL contacts kept the same way (absent when none were).
        public var ghlUnchanged: Int? = nil
    }

    /// Where people open a record in each system (`fulcrum.web_url` / `ghl.web_url` of the
    /// config, with `{id}` for the record id); absent when not configured.
    public struct WebLinks: Codable, Sendable, Hashable {
        /// The Fulcrum record page template.
        public var fulcrum: String?
        /// The GHL contact page template.
        public var ghl: String?

        /// Creates links.
        public init(fulcrum: String?, ghl: String?) {
            self.fulcrum = fulcrum
            self.ghl = ghl
        }
    }

    /// The report format's name and version.
    public var schema = "fgsync.report/1"
    /// The run's id in the state file.
    public var runId: Int64
    /// `apply`, `dry-run` or `force`.
    public var mode: String
    /// When it started (ISO-8601).
    public var startedAt: String
    /// When it ended (ISO-8601).
    public var finishedAt: String
    /// `ok`, `failed` (some writes failed, or the run stopped before planning: see `error`),
    /// `refused` (a rail tripped), `dry-run`, or `auth-failed` (credentials were refused
    /// mid-run; the run stopped).
    public var outcome: String
    /// What the snapshots saw.
    public var snapshot: Snapshot
    /// Operations planned, per side and kind.
    public var planned: [String: [String: Int]]
    /// Operations applied, per side and kind.
    public var applied: [String: [String: Int]]
    /// Every conflict, with both values, the winner and the rule.
    public var conflicts: [PlanDocument.ConflictEntry]
    /// Records held back, with reasons.
    public var held: [PlanDocument.HeldEntry]
    /// Safety rails tripped.
    public var rails: [PlanDocument.RailEntry]
    /// Writes that failed (retried by the next run).
    public var failed: [Failure]
    /// GHL creates answered "duplicate" and linked to the existing contact instead.
    public var duplicatesLinked: Int
    /// People's decisions (`fgsync resolve`) this run planned with.
    public var decisionsApplied: Int? = nil
    /// Record page templates for links, when configured.
    public var webLinks: WebLinks? = nil
    /// A dry run's operations: exactly what a real run would send (absent on other runs).
    public var operations: [PlanDocument.OperationEntry]? = nil
    /// A dry run's lookups: creates interrupted by a crash that a real run looks up on the
    /// target before planning them again (absent on other runs).
    public var lookups: [String]? = nil
    /// Event-driven delta passes (`fgsync serve`): the webhook events the pass worked.
    public var events: Int? = nil
    /// Event-driven delta passes: events that were fgsync's own writes coming back (they plan
    /// nothing and write nothing).
    public var echoes: Int? = nil
    /// Why the run stopped before it finished (outcome `failed` with nothing planned), e.g. a
    /// snapshot error or a refused token; absent when the run finished on its own.
    public var error: String? = nil

    /// The process exit status this outcome maps to: 0 ok, 1 failures, 3 refused, 4 auth failed.
    public var exitCode: Int32 {
        switch outcome {
        case "refused": 3
        case "failed": 1
        case "auth-failed": 4
        default: 0
        }
    }

    /// Counts per side and kind.
    static func counts(_ operations: [SyncCore.Operation]) -> [String: [String: Int]] {
        operations.reduce(into: [:]) { $0[$1.side.rawValue, default: [:]][$1.kind.rawValue, default: 0] += 1 }
    }

    /// The report as pretty JSON with sorted keys (the `report.json` bytes).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a report back from its JSON.
    public static func decode(_ data: Data) throws -> RunReport {
        try JSONDecoder().decode(RunReport.self, from: data)
    }

    /// Writes the report as pretty JSON to `directory/report.json`.
    public func write(to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try json().write(to: directory.appendingPathComponent("report.json"), options: .atomic)
        } catch {
            throw SyncEngineError(.input, "\(directory.path): the report cannot be written (\(error.localizedDescription)); choose a writable --report-dir")
        }
    }
}

/// Writes a run's report files into a directory; `ReconcileOptions.reportWriter`.
///
/// The engine writes `report.json` itself (`JSONReportWriter`); the `SyncReports` module adds
/// `conflicts.csv` and `report.html` next to it without the engine depending on renderers.
public protocol RunReportWriter: Sendable {
    /// Writes the files of `report` into `directory` (created when missing).
    func write(_ report: RunReport, to directory: URL) throws
}

/// Writes only `report.json`.
public struct JSONReportWriter: RunReportWriter {
    /// Creates the writer.
    public init() {}

    /// Writes `directory/report.json`.
    public func write(_ report: RunReport, to directory: URL) throws {
        try report.write(to: directory)
    }
}
