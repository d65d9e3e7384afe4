import CSpawn
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process for tests (the built `fgsync`, `/bin/true`), started with `posix_spawn`:
/// standard input from /dev/null, every descriptor above 2 closed in the child by
/// close_range(2) (`fg_spawn` in CSpawn). Foundation's `Process` closes them by reading
/// /proc/self/fd first, and that read ran past glibc's buffer and crashed the test process
/// once 1,354 or more descriptors were open (it peaks near 3,600 while every test starts).
/// The child's end is awaited on a thread of its own, never on Swift's cooperative pool.
public final class ChildProcess: Sendable {
    /// Where the child's standard output or error goes.
    public enum Output: Sendable {
        /// To /dev/null.
        case discarded
        /// To a pipe read by a `ChildOutput`.
        case captured
    }

    /// How the child ended.
    public enum Termination: Hashable, Sendable {
        /// It exited with this status.
        case exited(Int32)
        /// This signal ended it.
        case signalled(Int32)
        /// Its end could not be observed: waitid(2) failed with this errno (something else in
        /// the process reaped it).
        case unobserved(Int32)
    }

    /// Why a child could not be started.
    public struct StartError: Error, CustomStringConvertible {
        /// The executable, what failed and why.
        public let description: String
    }

    /// The child's process id; `send(_:)` signals it safely, even after it ended.
    public let pid: pid_t
    /// What the child writes to standard output, when captured.
    public let standardOutput: ChildOutput?
    /// What the child writes to standard error, when captured.
    public let standardError: ChildOutput?

    private struct State {
        var termination: Termination?
        var waiters: [CheckedContinuation<Termination, Never>] = []
    }

    private let state = Mutex(State())

    /// Starts `executable` (a path) with `arguments` in `environment` (the whole of it: pass
    /// this process's environment merged with more to add to it).
    public init(
        executable: String, arguments: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
        standardOutput: Output = .discarded, standardError: Output = .discarded
    ) throws {
        // The child's copies of these are made by the spawn; this process's are closed after it.
        var childEnds: [Int32] = []
        var readEnds: [Int32] = []
        defer { childEnds.forEach { _ = close($0) } }
        func ends(for output: Output) throws -> (child: Int32, reader: Int32?) {
            switch output {
            case .discarded:
                let descriptor = open("/dev/null", O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw StartError(description: "\(executable): /dev/null: \(Self.describe(errno))") }
                childEnds.append(descriptor)
                return (descriptor, nil)
            case .captured:
                var ends: [Int32] = [-1, -1]
                let rc = fg_pipe(&ends)
                guard rc == 0 else { throw StartError(description: "\(executable): pipe: \(Self.describe(rc))") }
                childEnds.append(ends[1])
                readEnds.append(ends[0])
                return (ends[1], ends[0])
            }
        }
        do {
            let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw StartError(description: "\(executable): /dev/null: \(Self.describe(errno))") }
            childEnds.append(input)
            let output = try ends(for: standardOutput)
            let error = try ends(for: standardError)
            var pid: pid_t = 0
            let rc = withCStrings([executable] + arguments) { argv in
                withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                    fg_spawn(&pid, executable, argv, envp, input, output.child, error.child)
                }
            }
            guard rc == 0 else { throw StartError(description: "could not start \(executable): \(Self.describe(rc))") }
            self.pid = pid
            self.standardOutput = output.reader.map(ChildOutput.init(reading:))
            self.standardError = error.reader.map(ChildOutput.init(reading:))
        } catch {
            readEnds.forEach { _ = close($0) }
            throw error
        }
        Thread { [self] in watch() }.start()
    }

    /// Runs `executable` to its end with both outputs captured: how it ended and what it wrote.
    public static func run(
        _ executable: String, arguments: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> (termination: Termination, standardOutput: String, standardError: String) {
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, standardOutput: .captured, standardError: .captured)
        async let output = child.standardOutput?.readToEnd() ?? Data()
        async let errors = child.standardError?.readToEnd() ?? Data()
        let termination = await child.termination()
        return (termination, String(decoding: await output, as: UTF8.self), String(decoding: await errors, as: UTF8.self))
    }

    /// Sends `signal` (SIGTERM, SIGKILL, SIGSTOP, ...) unless the child was already reaped, so
    /// a reused pid is never signalled; whether it was sent.
    @discardableResult
    public func send(_ signal: Int32) -> Bool {
        state.withLock { state in state.termination == nil && kill(pid, signal) == 0 }
    }

    /// Waits for the child to end; how it ended.
    public func termination() async -> Termination {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let termination = state.termination { continuation.resume(returning: termination) } else { state.waiters.append(continuation) }
            }
        }
    }

    /// Runs on the watching thread: waits for the end without reaping, then records it and
    /// reaps under the lock `send(_:)` takes, so the pid stays the child's while it can be signalled.
    private func watch() {
        var signalled: Int32 = 0
        var code: Int32 = 0
        let rc = fg_wait_terminated(pid, &signalled, &code)
        let termination: Termination = rc != 0 ? .unobserved(rc) : signalled != 0 ? .signalled(code) : .exited(code)
        let waiters = state.withLock { state in
            state.termination = termination
            if rc == 0 { _ = fg_reap(pid) }
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume(returning: termination) }
    }

    private static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// `strings` as a NULL-terminated array of C strings, alive during `body`.
private func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result) -> Result {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
