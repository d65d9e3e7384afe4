import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SyncCore
import SyncStore

extension Console {
    /// The console for `config`, or `nil` when `console.token_env` is not set (it is off).
    ///
    /// - Throws: `SyncEngineError.usage` when the variable is named but unset or short.
    static func start(
        config: MappingConfig, statePath: String, environment: [String: String], store: any StateStore,
        runner: PassRunner,
        wakeWorker: @escaping @Sendable () async -> Void, now: @escaping @Sendable () -> Date, logger: Logger
    ) throws -> Console? {
        guard let token = try token(config.console, environment: environment) else { return nil }
        return Console(
            statePath: statePath, config: config, store: store,
            reader: try SQLiteStateStore.openReadOnly(path: statePath, clock: store.clock),
            auth: ConsoleAuth(token: token, lifetime: config.console.sessionLifetime, now: now),
            work: ConsoleWork(runner: runner, logger: logger), renderer: try ConsoleRenderer(),
            lastFailure: { await runner.lastFailure }, wakeWorker: wakeWorker, now: now, logger: logger)
    }

    /// Whether `/metrics` may answer: it is open unless `console.protect_metrics`; then it needs
    /// the console token as a bearer token (Prometheus' `authorization` setting sends it).
    func mayReadMetrics(_ request: Request) async -> Bool {
        guard config.console.protectMetrics else { return true }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        return await auth.isToken(String(header.dropFirst("Bearer ".count)))
    }
}
