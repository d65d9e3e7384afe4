import ArgumentParser
import Foundation
import Logging
import SyncEngine
import SyncServer

/// `fgsync serve`: the long-running service (webhooks, inbox worker, poll timer, metrics).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive webhooks and keep both sides in sync continuously, with a poll pass as the safety net.",
        discussion: """
            Listens on --listen (default 127.0.0.1:8787; port 0 picks a free port) and prints {"url": "http://HOST:PORT"} \
            as the first line on standard output. POST /webhooks/ghl takes GHL's signed deliveries (x-ghl-signature, \
            else x-wh-signature, against GHL's published key and ghl.webhook_public_keys); POST /webhooks/fulcrum/SECRET \
            takes Fulcrum's, with SECRET from the variable fulcrum.webhook_secret_env names. Each accepted event is stored \
            in the state file's inbox before the answer; a worker re-reads the records events name and applies them in a \
            delta pass. A cursor-based pass runs every sync.poll_interval (default 5 minutes), and the full reconcile at \
            sync.full_reconcile_at when set. GET /healthz, /readyz and /metrics (Prometheus) are on the same listener, \
            and with console.token_env set a web console at /console (sign in with that variable's token). \
            SIGTERM or SIGINT stops it after the pass in flight. Needs one full `fgsync reconcile` first. \
            A `syncs:` config serves every sync (or the one --sync names) on the one listener: GHL events go to the sync \
            of their locationId, Fulcrum events to the sync of their form_id, each sync with its own state file, worker \
            and timer; /readyz and /metrics report each sync (label sync="NAME"; a single-sync config is "default").
            """)

    @Option(help: "The fgsync YAML mapping.") var config: String
    @Option(help: "The state file (default: fgsync.sqlite beside the config); for a syncs: config, the folder of the fgsync-NAME.sqlite files.")
    var state: String?
    @Option(help: "Serve only this sync of a syncs: config (default: all).") var sync: String?
    @Option(help: "HOST:PORT to listen on (port 0: any free port).") var listen = "127.0.0.1:8787"
    @Option(name: .customLong("log-level"), help: "Log level for standard error (default: FGSYNC_LOG_LEVEL or info).")
    var logLevel: Logger.Level?

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65_535).contains(port) else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8787 (port 0 picks a free port)")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen needs a host, e.g. 127.0.0.1:\(port) or 0.0.0.0:\(port)") }
        // A service logs its passes: info unless told otherwise.
        let level = logLevel ?? ProcessInfo.processInfo.environment["FGSYNC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LogLevel.set(level)
        var job = ServeJob(configPath: config, statePath: state, sync: sync)
        job.host = host
        job.port = port
        job.logger = Logger(label: "fgsync.serve")
        let running: RunningServe
        do {
            running = try await job.start(handleSignals: true)
        } catch {
            Console.error("fgsync serve: \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
        let line = try JSONSerialization.data(withJSONObject: ["url": running.url], options: [.sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(line + Data("\n".utf8))
        try await running.waitUntilStopped()
    }
}
