#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A test hook for the crash-safety test: with `FGSYNC_TEST_CRASH_AFTER=N` in the environment,
/// the process kills itself with SIGKILL at the N-th journal checkpoint (after a write is
/// journalled, after the server answered, after the answer is recorded). Without the variable
/// it does nothing. It exists so the test can stop a real run at chosen points, deterministically.
public enum CrashHook {
    /// The checkpoint closure for `ReconcileJob`, from the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> @Sendable () -> Void {
        guard let limit = environment["FGSYNC_TEST_CRASH_AFTER"].flatMap(Int.init), limit > 0 else { return {} }
        let count = Mutex(0)
        return {
            let reached = count.withLock { value -> Bool in
                value += 1
                return value >= limit
            }
            if reached { kill(getpid(), SIGKILL) }
        }
    }
}
