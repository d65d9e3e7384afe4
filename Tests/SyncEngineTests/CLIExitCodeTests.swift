import Foundation
import TestSupport
import Testing

/// Issue 11 item 9: usage errors exit 2, as the README says (ArgumentParser's default is 64),
/// with the usage message on standard error.
struct CLIExitCodeTests {
    static func fgsync(_ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        let result = try await run(arguments)
        return (result.status, result.stderr)
    }

    /// Runs the built `fgsync` with `arguments` (and `environment` added to this process's);
    /// both outputs are read to the end. The status is the exit status, or the signal that
    /// ended it.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [here.appendingPathComponent("fgsync"),
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/fgsync")]
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build fgsync first (swift build)")
        let result = try await ChildProcess.run(
            binary.path, arguments: arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        let status: Int32
        switch result.termination {
        case .exited(let code), .signalled(let code): status = code
        case .unobserved(let error):
            Issue.record("fgsync's end was not observed (errno \(error))")
            status = -1
        }
        return (status, result.standardOutput, result.standardError)
    }

    @Test(arguments: [
        ["plan", "--bogus"],
        ["reconcile"],
        ["no-such-command"],
        ["status", "--runs", "many"],
        ["plan", "--config", "c.yaml", "--fulcrum-form", "f", "--fulcrum-records", "r", "--ghl-contacts", "g", "--format", "xml"],
        ["reconcile", "--config", "c.yaml", "--conflict-policy", "loudest"],
    ])
    func aUsageErrorExitsWith2AndSaysWhatIsWrong(_ arguments: [String]) async throws {
        let (status, stderr) = try await Self.fgsync(arguments)
        #expect(status == 2, "\(arguments): \(stderr)")
        #expect(stderr.contains("Error") || stderr.contains("error"), "\(stderr)")
    }
}
