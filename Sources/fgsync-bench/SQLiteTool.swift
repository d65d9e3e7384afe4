import Foundation

/// The `sqlite3` command-line tool, run on a script: the benchmark's yardsticks (`ReferenceJoin`,
/// `ReferenceWrite`) are SQLite doing a plan's or an ingest's essential work with no Swift in
/// the way, on the same machine in the same run.
enum SQLiteTool {
    /// One statement's `.timer on` line: "Run Time: real 0.331 user 0.30 sys 0.03".
    struct Timing {
        var real: Double
        var cpu: Double
    }

    /// What `sqlite3 database` printed (standard output and error) given `script` on standard
    /// input; `nil` (with the reason on stderr, naming `purpose`) when it cannot run or fails.
    ///
    /// The script is read from a file: written into a pipe, a long script and the tool's output
    /// (a timing line a statement) could each fill their pipe while the other waits.
    static func run(_ database: String, script: String, purpose: String, readOnly: Bool = false) -> String? {
        let scriptPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("fgsync-bench-script-\(ProcessInfo.processInfo.processIdentifier).sql").path
        defer { try? FileManager.default.removeItem(atPath: scriptPath) }
        guard FileManager.default.createFile(atPath: scriptPath, contents: Data(script.utf8)),
            let input = FileHandle(forReadingAtPath: scriptPath)
        else {
            FileHandle.standardError.write(Data("\(purpose) skipped: cannot write its script to \(scriptPath)\n".utf8))
            return nil
        }
        defer { try? input.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3"] + (readOnly ? ["-readonly"] : []) + [database]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            FileHandle.standardError.write(Data("\(purpose) skipped: cannot run sqlite3 (\(error))\n".utf8))
            return nil
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            FileHandle.standardError.write(Data("\(purpose) skipped: sqlite3 said: \(text.suffix(300))\n".utf8))
            return nil
        }
        return text
    }

    /// Every `.timer on` line of `text`, in order.
    static func timings(_ text: String) -> [Timing] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Run Time:") else { return nil }
            let words = line.split(separator: " ")
            guard words.count >= 8, let real = Double(words[3]), let user = Double(words[5]), let system = Double(words[7]) else {
                return nil
            }
            return Timing(real: real, cpu: user + system)
        }
    }
}
