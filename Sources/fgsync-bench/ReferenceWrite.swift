import Foundation
import SyncCore
import SyncStore

/// The yardstick `fgsync-bench plan` measures its ingest against: the `sqlite3` command-line
/// tool writing the very mirror rows the run stored into a fresh file of the same schema
/// (indexes and triggers included), with the store's pragmas, both sides in turn in groups of
/// the run's size, each group in id order and in one transaction, as the store commits a first
/// snapshot.
///
/// The rows are copied into memory first, untimed, so what is timed is SQLite's own work of
/// storing them: B-tree inserts, the triggers, commits and checkpoints, and the kernel's writes.
/// No ingest into the same layout can write faster, since every store writes through one
/// connection at a time; the rest of the ingest (making, encoding and compressing records)
/// runs on the other cores beside it.
enum ReferenceWrite {
    /// What the tool took: wall seconds, and its CPU seconds (user and system).
    struct Figures {
        var seconds: Double
        var cpuSeconds: Double
    }

    /// The statements from `.timer on` on are timed; the copy before it is not.
    static func measure(builtFile: String, groupSize: Int, directory: URL) -> Figures? {
        guard let schema = SQLiteTool.run(builtFile, script: ".schema\n", purpose: "reference write", readOnly: true) else { return nil }
        let counting = Side.allCases.map { "SELECT count(*) FROM \($0.mirrorTable);" }.joined(separator: "\n") + "\n"
        let rows = SQLiteTool.run(builtFile, script: counting, purpose: "reference write", readOnly: true)?
            .split(separator: "\n").compactMap { Int($0) } ?? []
        guard rows.count == Side.allCases.count else { return nil }
        let path = directory.appendingPathComponent("fgsync-bench-reference-write-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let script = script(schema: schema, builtFile: builtFile, groups: zip(Side.allCases, rows).map { side, count in
            (side, max(1, (count + groupSize - 1) / max(1, groupSize)))
        })
        guard let text = SQLiteTool.run(path, script: script, purpose: "reference write") else { return nil }
        let timings = SQLiteTool.timings(text)
        // The script ends by counting what it wrote: every row, or the figure means nothing.
        let written = Array(text.split(separator: "\n").compactMap { Int($0) }.suffix(rows.count))
        guard !timings.isEmpty, written == rows else {
            FileHandle.standardError.write(Data(
                "reference write skipped: sqlite3 wrote \(written) rows of \(rows), or printed no timing: \(text.suffix(300))\n".utf8))
            return nil
        }
        return Figures(seconds: timings.reduce(0) { $0 + $1.real }, cpuSeconds: timings.reduce(0) { $0 + $1.cpu })
    }

    /// The script: the store's pragmas (`SQLiteStateStore`), the built file's schema, each
    /// side's rows split into `groups` by rowid (the built file's rowids follow its groups, so
    /// every split spans the whole id range, as a group of pages listed in API order does)
    /// and copied into memory in id order, then the timed inserts, the sides taking turns.
    static func script(schema: String, builtFile: String, groups: [(side: Side, count: Int)]) -> String {
        // The tool's own table of AUTOINCREMENT counters is made with the first such table.
        let statements = schema.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("CREATE TABLE sqlite_sequence") }.joined(separator: "\n")
        let quoted = builtFile.replacingOccurrences(of: "'", with: "''")
        var lines = [
            "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;", "PRAGMA temp_store = MEMORY;",
            "PRAGMA cache_size = -\(SQLiteStateStore.writerCacheKB);", "PRAGMA wal_autocheckpoint = 50000;",
            statements, "ATTACH '\(quoted)' AS built;", "ATTACH ':memory:' AS copy;",
        ]
        for (side, count) in groups {
            for group in 0..<count {
                lines.append(
                    "CREATE TABLE copy.\(side.mirrorTable)_\(group) AS SELECT * FROM built.\(side.mirrorTable) "
                        + "WHERE rowid % \(count) = \(group) ORDER BY id;")
            }
        }
        lines += ["DETACH built;", ".timer on"]
        for group in 0..<(groups.map(\.count).max() ?? 0) {
            for (side, count) in groups where group < count {
                lines += [
                    "BEGIN;", "INSERT INTO main.\(side.mirrorTable) SELECT * FROM copy.\(side.mirrorTable)_\(group);", "COMMIT;",
                ]
            }
        }
        lines.append(".timer off")
        lines += groups.map { "SELECT count(*) FROM main.\($0.side.mirrorTable);" }
        return lines.joined(separator: "\n") + "\n"
    }
}
