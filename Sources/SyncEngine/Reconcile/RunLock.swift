#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock beside the state file (`STATE.lock`), so two runs never share one state.
///
/// Uses `flock`, which the kernel releases when the process dies, so a crashed run never
/// leaves a stale lock behind.
public final class RunLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock for the state file at `statePath`, or throws naming the file when another
    /// run holds it.
    public init(statePath: String) throws {
        path = statePath + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SyncEngineError(.state, "\(path): cannot create the lock file (errno \(errno)); check the directory is writable")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SyncEngineError(.locked, "\(statePath) is in use by another fgsync run (lock \(path)); wait for it to finish")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
