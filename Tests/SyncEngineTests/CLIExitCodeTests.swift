import Foundation
import Testing

/// Issue 11 item 9: usage errors exit 2, as the README says (ArgumentParser's default is 64),
/// with the usage message on standard error.
struct CLIExitCodeTests {
    static func fgsync(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let result = try run(arguments)
        return (result.status, result.stderr)
    }

    /// Runs the built `fgsync` with `arguments`; both outputs are read to the end.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [here.appendingPathComponent("fgsync"),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/fgsync")]
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build fgsync first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let errors = Pipe()
        // Standard output goes to a file, so neither stream can fill a pipe and stall the child.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-cli-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try output.close()
        let stdout = try Data(contentsOf: outputURL)
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        ["plan", "--bogus"],
        ["reconcile"],
        ["no-such-command"],
        ["status", "--runs", "many"],
        ["plan", "--config", "c.yaml", "--fulcrum-form", "f", "--fulcrum-records", "r", "--ghl-contacts", "g", "--format", "xml"],
        ["reconcile", "--config", "c.yaml", "--conflict-policy", "loudest"],
    ])
    func aUsageErrorExitsWith2AndSaysWhatIsWrong(_ arguments: [String]) throws {
        let (status, stderr) = try Self.fgsync(arguments)
        #expect(status == 2, "\(arguments): \(stderr)")
        #expect(stderr.contains("Error") || stderr.contains("error"), "\(stderr)")
    }
}
