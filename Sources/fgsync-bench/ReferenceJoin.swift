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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            FileHandle.standardError.write(Data("reference join skipped: cannot run sqlite3 (\(error))\n".utf8))
            return nil
        }
        input.fileHandleForWriting.write(Data(script.utf8))
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // `.timer on` prints "Run Time: real 0.331 user 0.30 sys 0.03" after the timed query.
        guard process.terminationStatus == 0, let line = text.split(separator: "\n").last(where: { $0.hasPrefix("Run Time:") }),
            let real = line.split(separator: " ").dropFirst(3).first.flatMap({ Double($0) })
        else {
            FileHandle.standardError.write(Data("reference join skipped: sqlite3 said: \(text.suffix(300))\n".utf8))
            return nil
        }
        return real
    }
}
