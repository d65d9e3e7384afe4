import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The tests' spawn helper (TestSupport's `ChildProcess`). Foundation's `Process` crashed the
/// test process once: it reads /proc/self/fd to close the parent's descriptors in the child,
/// and read past glibc's buffer with 1,354 or more open. The helper closes them with
/// close_range(2) in the child instead; these tests hold it to that and to what its callers use.
struct ChildProcessTests {
    @Test func aChildStartedWhileThousandsOfFilesAreOpenInheritsNoneOfThem() async throws {
        try Self.raiseOpenFileLimit()
        let null = open("/dev/null", O_RDONLY)
        try #require(null >= 0)
        // dup(2) leaves close-on-exec off: a child would inherit every one of these unless the
        // spawn closes them.
        let opened = (0..<2_000).map { _ in dup(null) }
        defer { (opened + [null]).forEach { _ = close($0) } }
        try #require(opened.allSatisfy { $0 >= 0 }, "could not open 2,000 descriptors")

        let result = try await ChildProcess.run("/bin/ls", arguments: ["/proc/self/fd"])

        #expect(result.termination == .exited(0), "\(result.standardError)")
        let seen = Set(result.standardOutput.split(separator: "\n").compactMap { Int32($0) })
        #expect(seen.isSuperset(of: [0, 1, 2]), "\(seen.sorted())")
        // Besides 0, 1 and 2, only the directory ls itself opened to list /proc/self/fd.
        #expect(seen.subtracting([0, 1, 2]).count <= 1, "the child inherited \(seen.count - 3) descriptors")
    }

    @Test(arguments: [
        ("exit 0", ChildProcess.Termination.exited(0)),
        ("exit 3", .exited(3)),
        ("kill -TERM $$", .signalled(SIGTERM)),
        ("kill -KILL $$", .signalled(SIGKILL)),
    ])
    func howAChildEndedIsReportedAsItsExitStatusOrItsSignal(_ script: String, _ expected: ChildProcess.Termination) async throws {
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", script])
        #expect(await child.termination() == expected)
    }

    @Test func aLineIsReadWhileTheChildRunsAndASignalSentToItEndsIt() async throws {
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "echo ready; exec sleep 600"], standardOutput: .captured)

        #expect(await child.standardOutput?.nextLine() == "ready")
        #expect(child.send(SIGKILL))
        #expect(await child.termination() == .signalled(SIGKILL))
        #expect(!child.send(SIGTERM), "a reaped child's pid was signalled")
        #expect(await child.standardOutput?.nextLine() == nil)
    }

    @Test func theChildGetsTheEnvironmentGivenAndBothOutputsAreReadToTheEnd() async throws {
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", #"printf '%s\n' "$GREETING"; echo oops >&2; exit 4"#], environment: ["GREETING": "hello"])

        #expect(result.termination == .exited(4))
        #expect(result.standardOutput == "hello\n")
        #expect(result.standardError == "oops\n")
    }

    @Test func anExecutableThatCannotBeStartedThrowsAnErrorNamingIt() {
        let error = #expect(throws: ChildProcess.StartError.self) {
            _ = try ChildProcess(executable: "/nonexistent/fgsync")
        }
        #expect(error?.description.contains("/nonexistent/fgsync") == true, "\(String(describing: error))")
    }

    /// Lifts the soft limit on open files to the hard one: the test process itself holds
    /// thousands while every test starts.
    static func raiseOpenFileLimit() throws {
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        try #require(getrlimit(resource, &limit) == 0)
        guard limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        try #require(setrlimit(resource, &limit) == 0)
    }
}
