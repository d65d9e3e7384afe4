import Foundation
import HighLevelAPI
import SyncCore
import SyncHTTP
import SyncStore

/// `fgsync reconcile` from a config file: lock the state file, connect, run, report.
public struct ReconcileRun: Sendable {
    /// The YAML mapping.
    public var configPath: String
    /// Which sync of a `syncs:` config (nil: a single-sync config).
    public var sync: String?
    /// The state file (created on the first run).
    public var statePath: String
    /// Run options.
    public var options: ReconcileOptions
    /// Where the token variables are read (the process environment by default).
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// How long to wait for another run holding the state file before giving up (exit 2).
    public var lockPatience: Duration = .zero
    /// HTTP client options (retries, pacing); progress reports the waits.
    public var clientOptions = ClientOptions()
    /// A state file already open on `statePath` (`serve` keeps one open across passes, so a
    /// pass does not pay the open-time integrity check); the lock is still taken per run.
    public var openStore: (any StateStore)?

    /// Creates a run.
    public init(configPath: String, sync: String? = nil, statePath: String, options: ReconcileOptions) {
        self.configPath = configPath
        self.sync = sync
        self.statePath = statePath
        self.options = options
    }

    /// Runs it; `log` receives progress lines (never tokens).
    public func run(log: @escaping @Sendable (String) -> Void) async throws -> RunReport {
        let config = try MappingConfig.load(contentsOf: URL(fileURLWithPath: configPath), sync: sync)
        if sync != nil, !options.dryRun { try Self.makeStateFolder(for: statePath) }
        // A dry run works on a scratch copy of the state file, so the file, its -wal and -shm
        // stay byte for byte as they were; a real run locks the file and opens it.
        let scratch = options.dryRun ? try ScratchState(copying: statePath) : nil
        defer { scratch?.remove() }
        let lock = scratch == nil ? try await RunLock.waiting(statePath: statePath, patience: lockPatience) : nil
        // SQLite opens the very file the lock names, however the path was spelled.
        let store = try scratch?.store ?? openStore ?? SQLiteStateStore(path: lock?.statePath ?? statePath)
        var clientOptions = clientOptions
        clientOptions.sleeper = WaitReportingSleeper(base: clientOptions.sleeper, report: log)
        let installation = InstallationGate(store: store, config: config, syncName: sync ?? "default")
        try await installation.check()
        let connection = try LiveConnection.open(
            config: config, statePath: statePath, environment: environment, options: clientOptions)
        #if DEBUG
            let checkpoint = CrashHook.fromEnvironment()
        #else
            // Release builds carry no way to kill themselves from the environment.
            let checkpoint: @Sendable (CrashPoint) -> Void = { _ in }
        #endif
        do {
            // Agency mode: mint (or reuse) the location token first, so an uninstalled location
            // stops the run before any work.
            if let agency = connection.agency { _ = try await agency.accessToken() }
            let report = try await ReconcileJob(
                config: config, store: store, fulcrum: connection.fulcrum, ghl: connection.ghl, options: options,
                log: log, checkpoint: checkpoint
            ).run()
            await connection.close()
            withExtendedLifetime(lock) {}
            return report
        } catch {
            await connection.close()
            throw try await installation.translate(error)
        }
    }

    /// A `syncs:` config keeps its state files in a folder of fgsync's (`--state DIR`, or
    /// beside the config): the first run makes it.
    static func makeStateFolder(for statePath: String) throws {
        let folder = URL(fileURLWithPath: statePath).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SyncEngineError(.usage, "cannot make the state folder \(folder.path) (\(error.localizedDescription)); give --state a folder fgsync may write")
        }
    }
}
