import Foundation
import SyncHTTP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock beside the state file (`STATE.lock`), so two runs never share one state.
///
/// Uses `flock`, which the kernel releases when the process dies, so a crashed run never
/// leaves a stale lock behind. The lock is named after the file itself, not the path as typed:
/// symlinks and `..` are resolved (`realpath`), so a second run through a link or another
/// spelling of the path finds the same lock. (A hard link to the state file is still a second
/// name; nothing in fgsync makes one.)
public final class RunLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String
    /// The state file's real path (symlinks and `..` resolved): open this one, so SQLite and
    /// the lock agree on which file is in use.
    public let statePath: String

    /// Takes the lock for the state file at `statePath`, or throws naming the file when another
    /// run holds it.
    public init(statePath: String) throws {
        self.statePath = Self.realPath(of: statePath)
        path = self.statePath + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SyncEngineError(.state, "\(path): cannot create the lock file (errno \(errno)); check the directory is writable")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SyncEngineError(.locked, "\(statePath) is in use by another fgsync run (lock \(path)); wait for it to finish")
        }
    }

    /// Takes the lock, waiting up to `patience` for a run that holds it (a `sync` started while
    /// the nightly `reconcile` runs, or the other way round), checking every `interval`; then
    /// throws the `.locked` error naming the file and how long it waited.
    public static func waiting(
        statePath: String, patience: Duration, interval: Duration = .milliseconds(250), sleeper: any Sleeper = ContinuousSleeper()
    ) async throws -> RunLock {
        let start = sleeper.now()
        while true {
            do {
                return try RunLock(statePath: statePath)
            } catch let error as SyncEngineError where error.code == .locked {
                guard sleeper.now() - start + interval <= patience else {
                    throw SyncEngineError(
                        .locked, "\(statePath) is in use by another fgsync run; waited \(patience) for it to finish. Run again later, or give it more time with --wait")
                }
                try await sleeper.sleep(for: interval)
            }
        }
    }

    /// The canonical absolute path of `path`: symlinks and `.`/`..` resolved. A file that does
    /// not exist yet (the first run) is named by its folder's real path and its own name; a
    /// symlink to a file not created yet is followed to where the file will be created.
    static func realPath(of path: String, depth: Int = 0) -> String {
        if let resolved = resolve(path) { return resolved }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let resolvedFolder = resolve(folder.isEmpty ? "/" : folder) else { return path }
        let joined = (resolvedFolder == "/" ? "" : resolvedFolder) + "/" + name
        if depth < 16, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: joined) {
            return realPath(of: target.hasPrefix("/") ? target : resolvedFolder + "/" + target, depth: depth + 1)
        }
        return joined
    }

    private static func resolve(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
