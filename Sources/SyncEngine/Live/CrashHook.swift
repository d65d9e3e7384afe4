#if DEBUG
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A test hook for the crash-safety test, compiled into debug builds only.
///
/// - `FGSYNC_TEST_CRASH_AT=<id>#<step>`: the process kills itself with SIGKILL at the `step`-th
///   journal transition of the pair whose Fulcrum record id or GHL contactId is `id` (after a
///   write is journalled, after the server answered, after the answer is recorded). Pairs are
///   named by their ids, not by a global count, so the point is the same at any concurrency.
/// - `FGSYNC_TEST_CRASH_TRACE=<file>`: every point reached is appended to `file` as a JSON line,
///   so the test learns the points of a run before choosing where to stop one.
///
/// Without the variables it does nothing.
public enum CrashHook {
    /// The checkpoint closure for `ReconcileJob`, from the environment.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> @Sendable (CrashPoint) -> Void {
        let target = environment["FGSYNC_TEST_CRASH_AT"].flatMap(Target.init)
        let trace = environment["FGSYNC_TEST_CRASH_TRACE"].flatMap(Trace.init)
        guard target != nil || trace != nil else { return { _ in } }
        return { point in
            trace?.append(point)
            if let target, point.step == target.step, point.fulcrumId == target.id || point.contactId == target.id {
                kill(getpid(), SIGKILL)
            }
        }
    }

    /// `<id>#<step>`.
    struct Target: Sendable {
        var id: String
        var step: Int

        init?(_ text: String) {
            guard let mark = text.lastIndex(of: "#"), let step = Int(text[text.index(after: mark)...]), step > 0 else { return nil }
            id = String(text[..<mark])
            self.step = step
        }
    }

    /// Appends points to a file, one JSON object a line.
    final class Trace: Sendable {
        private let handle: Mutex<FileHandle>

        init?(_ path: String) {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else { return nil }
            self.handle = Mutex(handle)
        }

        func append(_ point: CrashPoint) {
            guard let line = try? JSONEncoder().encode(point) else { return }
            handle.withLock { $0.write(line + Data("\n".utf8)) }
        }
    }
}
#endif
