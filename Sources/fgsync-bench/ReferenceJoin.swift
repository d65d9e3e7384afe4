import Foundation

/// The yardstick `fgsync-bench plan` measures planning against, on the same machine in the
/// same run: the `sqlite3` command-line tool joining three tables of N rows (integer key, 7 text
/// columns, 1% changed on each side) and counting the changed pairs with NULL-safe comparisons.
/// What a plan must at least do (read three sides of every pair and compare them), done by a
/// tool with no decoding and no planner; the second of two runs is kept (a warm cache).
enum ReferenceJoin {
    /// Seconds the join took, or `nil` (with the reason on stderr) when `sqlite3` is missing.
    static func seconds(rows: Int, directory: URL) -> Double? {
        let path = directory.appendingPathComponent("fgsync-bench-reference-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let columns = (1...7).map { "c\($0) TEXT" }.joined(separator: ", ")
        let values = "'first' || i, 'last' || i, 'person' || i || '@example.com', '+1555' || i, 'company ' || (i % 1000), 'city ' || (i % 500), 'tag' || (i % 7)"
        let compare = ["f", "g"].flatMap { side in (1...7).map { "\(side).c\($0) IS NOT b.c\($0)" } }.joined(separator: " OR ")
        let query = "SELECT count(*) FROM b JOIN f ON f.k = b.k JOIN g ON g.k = b.k WHERE \(compare);"
        let script = """
            PRAGMA journal_mode = OFF;
            PRAGMA cache_size = -262144;
            CREATE TABLE b (k INTEGER PRIMARY KEY, \(columns));
            CREATE TABLE f (k INTEGER PRIMARY KEY, \(columns));
            CREATE TABLE g (k INTEGER PRIMARY KEY, \(columns));
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows)) INSERT INTO b SELECT i, \(values) FROM n;
            INSERT INTO f SELECT * FROM b;
            INSERT INTO g SELECT * FROM b;
            UPDATE f SET c4 = 'changed in Fulcrum' WHERE k % 100 = 0;
            UPDATE g SET c5 = 'changed in GHL' WHERE k % 100 = 50;
            \(query)
            .timer on
            \(query)

            """
        guard let text = SQLiteTool.run(path, script: script, purpose: "reference join") else { return nil }
        guard let timing = SQLiteTool.timings(text).last else {
            FileHandle.standardError.write(Data("reference join skipped: sqlite3 printed no timing: \(text.suffix(300))\n".utf8))
            return nil
        }
        return timing.real
    }
}
