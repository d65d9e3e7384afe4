import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// `fgsync reconcile` from a config file: lock the state file, connect, run, report.
public struct ReconcileRun: Sendable {
    /// The YAML mapping.
    public var configPath: String
    /// The state file (created on the first run).
    public var statePath: String
    /// Run options.
    public var options: ReconcileOptions
    /// Where tokens are read from (the process environment; tests inject their own).
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// HTTP client options (retries, pacing); long waits are reported through `run`'s `log`.
    public var clientOptions = ClientOptions()

    /// Creates a run.
    public init(configPath: String, statePath: String, options: ReconcileOptions) {
        self.configPath = configPath
        self.statePath = statePath
        self.options = options
    }

    /// Runs it; `log` receives progress lines (never tokens).
    public func run(log: @escaping @Sendable (String) -> Void) async throws -> RunReport {
        let config = try MappingConfig.load(contentsOf: URL(fileURLWithPath: configPath))
        let lock = try RunLock(statePath: statePath)
        // SQLite opens the very file the lock names, however the path was spelled.
        let store = try StateStore(path: lock.statePath)
        var clientOptions = clientOptions
        clientOptions.sleeper = WaitReportingSleeper(base: clientOptions.sleeper, report: log)
        let connection = try LiveConnection.open(config: config, statePath: statePath, environment: environment, options: clientOptions)
        do {
            let report = try await ReconcileJob(
                config: config, store: store, fulcrum: connection.fulcrum, ghl: connection.ghl, options: options,
                log: log, checkpoint: CrashHook.fromEnvironment()
            ).run()
            await connection.close()
            withExtendedLifetime(lock) {}
            return report
        } catch {
            await connection.close()
            throw error
        }
    }
}
