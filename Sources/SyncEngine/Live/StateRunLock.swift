import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SyncCore
import SyncHTTP
import SyncStore
import SyncStorePostgres

/// What keeps two runs off one sync's state at once: the `flock` beside a state file, or the
/// sync's lease in the state database (several `serve` workers on other machines share it).
///
/// A lease is taken for `leaseDuration` and renewed every third of it while the run goes on;
/// a worker that dies stops renewing, and another takes the sync over once the lease expires.
/// The lease lives in the database the run writes its journal to, so a worker that cannot
/// renew it cannot write either; the next holder's run settles what the journal left pending.
public final class StateRunLock: Sendable {
    private let file: RunLock?
    private let lease: HeldLease?

    /// The state file the lock names (symlinks resolved), when the state is a file.
    public var statePath: String? { file?.statePath }

    private init(file: RunLock?, lease: HeldLease?) {
        self.file = file
        self.lease = lease
    }

    /// How long a lease lasts without renewal: a dead worker's syncs wait this long at most.
    public static let leaseDuration: Duration = .seconds(30)

    /// Takes the lock on `location`'s state, waiting up to `patience` for a run that holds it,
    /// checking every `interval`; then throws `SyncEngineError.locked` naming who holds it.
    public static func take(
        _ location: StateLocation, opener: StateOpener, patience: Duration, interval: Duration = .milliseconds(250),
        sleeper: any Sleeper = ContinuousSleeper()
    ) async throws -> StateRunLock {
        switch location {
        case .file(let path):
            return StateRunLock(file: try await RunLock.waiting(statePath: path, patience: patience, interval: interval, sleeper: sleeper), lease: nil)
        case .postgres(let urlEnv, let schema):
            let leases = try await opener.leases(urlEnv: urlEnv)
            let start = sleeper.now()
            while true {
                if try await leases.take(sync: schema, holder: WorkerIdentity.current, for: leaseDuration) != nil {
                    return StateRunLock(file: nil, lease: HeldLease(leases: leases, name: schema))
                }
                // A holder on this machine whose process is gone (a run killed by SIGKILL or a
                // crash) is taken over at once instead of after its lease runs out.
                if let holder = try await leases.lease(sync: schema)?.holder, WorkerIdentity.isDeadLocalProcess(holder),
                    try await leases.takeOver(sync: schema, from: holder, holder: WorkerIdentity.current, for: leaseDuration) != nil
                {
                    return StateRunLock(file: nil, lease: HeldLease(leases: leases, name: schema))
                }
                guard sleeper.now() - start + interval <= patience else {
                    let holder = try? await leases.lease(sync: schema)?.holder
                    throw SyncEngineError(
                        .locked,
                        "\(location) is being worked by another fgsync (\(holder ?? "a worker")); "
                            + (patience > .zero ? "waited \(patience). " : "") + "Run again later, or give it more time with --wait")
                }
                try await sleeper.sleep(for: interval)
            }
        }
    }

    /// Lets the next run take the state at once (a file lock also goes when the lock is freed;
    /// a lease not released runs out after `leaseDuration`).
    public func release() async {
        await lease?.release()
    }
}

/// A lease held by this process, renewed until released.
private final class HeldLease: Sendable {
    let leases: PostgresLeases
    let name: String
    let renewal: Task<Void, Never>

    init(leases: PostgresLeases, name: String) {
        self.leases = leases
        self.name = name
        renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: StateRunLock.leaseDuration / 3)
                if Task.isCancelled { return }
                // A lost lease (the database unreachable for a whole lease) shows in the run's
                // own writes, which go to the same database and fail the same way.
                _ = try? await leases.renew(sync: name, holder: WorkerIdentity.current, for: StateRunLock.leaseDuration)
            }
        }
    }

    func release() async {
        renewal.cancel()
        try? await leases.release(sync: name, holder: WorkerIdentity.current)
    }

    deinit { renewal.cancel() }
}

/// This process, as a lease holder: `host:pid:pid-namespace:tag`. The tag is random (a
/// restarted process with a recycled pid is a new holder); the pid namespace says whether a
/// pid means the same process here (two containers may share a host name).
enum WorkerIdentity {
    static let current = "\(host):\(ProcessInfo.processInfo.processIdentifier):\(pidNamespace ?? "-"):\(UUID().uuidString.prefix(8))"

    static let host = ProcessInfo.processInfo.hostName
    /// `/proc/self/ns/pid`'s link (`pid:[4026531836]`), or `nil` where there is none.
    static let pidNamespace = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid"))
        .map { $0.filter { $0.isNumber } }

    /// Whether `holder` names a process of this host and pid namespace that no longer runs.
    /// Anything else (another machine, another namespace, an unreadable name) is presumed
    /// alive: its lease is left to run out.
    static func isDeadLocalProcess(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == host, let namespace = pidNamespace, parts[2] == namespace,
            let pid = Int32(parts[1]), pid > 0, pid != ProcessInfo.processInfo.processIdentifier
        else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
