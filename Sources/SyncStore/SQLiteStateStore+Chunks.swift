import GRDB

extension SQLiteStateStore {
    /// Calls `body` with `ids` in chunks of at most 500, each with its `?, ?, ...` placeholder
    /// list, for `IN (...)` queries well under SQLite's limit on bound parameters.
    static func inChunks(_ ids: some Collection<String>, _ body: (_ marks: String, _ arguments: StatementArguments) throws -> Void) rethrows {
        let all = Array(ids)
        for start in stride(from: 0, to: all.count, by: 500) {
            let chunk = Array(all[start..<min(start + 500, all.count)])
            try body(Array(repeating: "?", count: chunk.count).joined(separator: ", "), StatementArguments(chunk))
        }
    }
}
