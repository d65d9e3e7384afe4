import Foundation
import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// Records the start of a run and returns its id.
    public func startRun(kind: String, mode: String) async throws -> Int64 {
        try await write("start a \(kind) run") { tx in
            try await tx.value("INSERT INTO runs (kind, mode, started_at) VALUES (\(kind), \(mode), \(tx.now)) RETURNING id", as: Int64.self) ?? 0
        }
    }

    /// Records how a run ended, with its summary counts.
    ///
    /// - Throws: `StoreError.Code.runNotFound` when no run has this id.
    public func finishRun(_ id: Int64, outcome: String, counts: [String: Int]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(counts), as: UTF8.self)
        try await write("finish run \(id)") { tx in
            let changed = try await tx.changes(
                "UPDATE runs SET finished_at = \(tx.now), outcome = \(outcome), counts = \(json) WHERE id = \(id) RETURNING 1")
            guard changed == 1 else {
                throw StoreError(.runNotFound, "Run \(id) does not exist in \(tx.location); start runs with startRun.", path: tx.location)
            }
        }
    }

    /// A run by id, or `nil`.
    public func run(_ id: Int64) async throws -> RunRecord? {
        try await read("read run \(id)") { tx in
            try await tx.rows("SELECT \(unescaped: Self.runColumns) FROM runs WHERE id = \(id)").first.map(Self.runRecord)
        }
    }

    /// Runs that started but never finished, oldest first.
    public func unfinishedRuns() async throws -> [RunRecord] {
        try await read("read unfinished runs") { tx in
            try await tx.rows("SELECT \(unescaped: Self.runColumns) FROM runs WHERE finished_at IS NULL ORDER BY id").map(Self.runRecord)
        }
    }

    /// The latest runs, newest first.
    public func recentRuns(limit: Int) async throws -> [RunRecord] {
        try await read("read recent runs") { tx in
            try await tx.rows("SELECT \(unescaped: Self.runColumns) FROM runs ORDER BY id DESC LIMIT \(limit)").map(Self.runRecord)
        }
    }

    /// Saves the report of a run (the `report.json` text), replacing an earlier one.
    public func saveRunReport(runId: Int64, json: Data) async throws {
        let text = String(decoding: json, as: UTF8.self)
        try await write("save the report of run \(runId)") { tx in
            try await tx.execute(
                """
                INSERT INTO run_reports (run_id, report, saved_at) VALUES (\(runId), \(text), \(tx.now))
                ON CONFLICT (run_id) DO UPDATE SET report = excluded.report, saved_at = excluded.saved_at
                """)
        }
    }

    /// The stored report of a run, or `nil` when the run stored none.
    public func runReport(runId: Int64) async throws -> Data? {
        try await read("read the report of run \(runId)") { tx in
            try await tx.value("SELECT report FROM run_reports WHERE run_id = \(runId)", as: String.self).map { Data($0.utf8) }
        }
    }

    /// The id of the latest run that stored a report, or `nil`.
    public func lastReportedRunId() async throws -> Int64? {
        try await read("find the last reported run") { tx in try await tx.value("SELECT max(run_id) FROM run_reports", as: Int64.self) }
    }

    static let runColumns = "id, kind, mode, started_at, finished_at, outcome, counts"

    /// Decodes a row selected with `runColumns`.
    static func runRecord(_ row: PostgresRow) throws -> RunRecord {
        let (id, kind, mode, startedAt, finishedAt, outcome, countsJSON) = try row.decode(
            (Int64, String, String, Date, Date?, String?, String?).self)
        let counts = try countsJSON.map { try JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:]
        return RunRecord(id: id, kind: kind, mode: mode, startedAt: startedAt, finishedAt: finishedAt, outcome: outcome, counts: counts)
    }
}
