import Foundation
import GRDB

extension SQLiteStateStore {
    /// Records the start of a run and returns its id.
    public func startRun(kind: String, mode: String) async throws -> Int64 {
        try await transaction { tx in
            try tx.db.execute(
                sql: "INSERT INTO runs (kind, mode, started_at) VALUES (?, ?, ?)", arguments: [kind, mode, tx.now])
            return tx.db.lastInsertedRowID
        }
    }

    /// Records how a run ended, with its summary counts.
    public func finishRun(_ id: Int64, outcome: String, counts: [String: Int] = [:]) async throws {
        try await transaction { try $0.finishRun(id, outcome: outcome, counts: counts) }
    }

    /// A run by id, or `nil`.
    public func run(_ id: Int64) async throws -> RunRecord? {
        try await read("read run \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(Self.runRecord)
        }
    }

    /// Runs that started but never finished (the process died, or one is still running), oldest first.
    public func unfinishedRuns() async throws -> [RunRecord] {
        try await read("read unfinished runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE finished_at IS NULL ORDER BY id").map(Self.runRecord)
        }
    }

    static func runRecord(_ row: Row) throws -> RunRecord {
        let countsJSON = try row.decode(String?.self, forColumn: "counts")
        let counts = try countsJSON.map { try JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:]
        return RunRecord(
            id: try row.decode(Int64.self, forColumn: "id"),
            kind: try row.decode(String.self, forColumn: "kind"),
            mode: try row.decode(String.self, forColumn: "mode"),
            startedAt: try row.decode(Date.self, forColumn: "started_at"),
            finishedAt: try row.decode(Date?.self, forColumn: "finished_at"),
            outcome: try row.decode(String?.self, forColumn: "outcome"),
            counts: counts)
    }
}

extension StoreTransaction {
    /// Records how a run ended, with its summary counts.
    ///
    /// - Throws: `StoreError.Code.runNotFound` when no run has this id.
    public func finishRun(_ id: Int64, outcome: String, counts: [String: Int]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(counts), as: UTF8.self)
        try db.execute(
            sql: "UPDATE runs SET finished_at = ?, outcome = ?, counts = ? WHERE id = ?",
            arguments: [now, outcome, json, id])
        guard db.changesCount == 1 else {
            throw StoreError(.runNotFound, "Run \(id) does not exist in \(path); start runs with startRun.", path: path)
        }
    }
}
