import Foundation
import GRDB

extension SQLiteStateStore {
    /// Saves the report of a run (the `report.json` text), replacing an earlier one.
    public func saveRunReport(runId: Int64, json: Data) async throws {
        try await transaction { tx in
            try tx.db.execute(
                sql: """
                    INSERT INTO run_reports (run_id, report, saved_at) VALUES (?, ?, ?)
                    ON CONFLICT (run_id) DO UPDATE SET report = excluded.report, saved_at = excluded.saved_at
                    """,
                arguments: [runId, String(decoding: json, as: UTF8.self), tx.now])
        }
    }

    /// The stored report of a run, or `nil` when the run stored none (or the file predates v2).
    public func runReport(runId: Int64) async throws -> Data? {
        try await read("read the report of run \(runId)") { db in
            guard try db.tableExists("run_reports") else { return nil }
            return try String.fetchOne(db, sql: "SELECT report FROM run_reports WHERE run_id = ?", arguments: [runId])
                .map { Data($0.utf8) }
        }
    }

    /// The id of the latest run that stored a report, or `nil`.
    public func lastReportedRunId() async throws -> Int64? {
        try await read("find the last reported run") { db in
            guard try db.tableExists("run_reports") else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM run_reports")
        }
    }

    /// The latest runs, newest first.
    public func recentRuns(limit: Int = 10) async throws -> [RunRecord] {
        try await read("read recent runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.runRecord)
        }
    }

    /// Every resume cursor, by name.
    public func cursors() async throws -> [String: String] {
        try await read("read cursors") { db in
            Dictionary(
                try Row.fetchAll(db, sql: "SELECT name, value FROM cursors").map {
                    (try $0.decode(String.self, forColumn: "name"), try $0.decode(String.self, forColumn: "value"))
                },
                uniquingKeysWith: { first, _ in first })
        }
    }
}
