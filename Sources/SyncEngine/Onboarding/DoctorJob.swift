import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// `fgsync doctor`: checks, in one screen, everything that would make a run fail or surprise:
/// the config against the live form and location, the tokens and their scopes, the link
/// fields, GHL's rate-limit headroom, duplicate contacts, the state file, and `serve`'s webhooks.
///
/// Reads only: GETs and searches, plus two write probes aimed at ids that do not exist (a
/// `PUT` of a GHL contact and a `PATCH` of a Fulcrum record, answered 404 when the token may
/// write and 401/403 when it may not), which change nothing. Never prints a token or secret.
public struct DoctorJob: Sendable {
    /// The YAML mapping.
    public var configPath: String
    /// Which sync of a `syncs:` config (nil: a single-sync config).
    public var sync: String?
    /// The state file (`fgsync.sqlite` beside the config by default).
    public var statePath: String
    /// Where the sync's state lives; `nil`: as the config says (`state.url_env`, else `statePath`).
    public var state: StateLocation?
    /// Where the token variables are read.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// HTTP client options.
    public var clientOptions = ClientOptions()
    /// Now, for "webhooks received recently".
    public var now: @Sendable () -> Date = { Date() }
    /// How old the newest webhook may be before it is "not recent".
    public var recentWebhook: TimeInterval = 24 * 3_600

    /// The id the write probes aim at: no record or contact has it.
    static let probeId = "fgsync-doctor-probe-0000000000"

    /// Creates a job.
    public init(configPath: String, sync: String? = nil, statePath: String, state: StateLocation? = nil) {
        self.configPath = configPath
        self.sync = sync
        self.statePath = statePath
        self.state = state
    }

    /// Opens the state with this job's environment.
    var opener: StateOpener { StateOpener(environment: environment) }

    /// Runs every check it can; a check that cannot run says why (never throws).
    public func run() async -> DoctorReport {
        var report = DoctorReport()
        let config: MappingConfig
        var job = self
        do {
            config = try MappingConfig.load(contentsOf: URL(fileURLWithPath: configPath), sync: sync)
            job.state = state ?? config.stateLocation(sync: sync ?? SyncSet.singleName, statePath: statePath)
            report.add("config", .ok, "\(configPath) loads: \(config.fields.count) fields, link \(config.fulcrumLinkField) <-> \(config.ghlLinkField)")
            return await job.run(config: config, report: report)
        } catch {
            report.add("config", .error, "\(error)", fix: "correct \(configPath) as the message says (fgsync init writes a working one)")
            await checkState(into: &report)
            return report
        }
    }

    /// The checks once the config loaded.
    private func run(config: MappingConfig, report: DoctorReport) async -> DoctorReport {
        var report = report
        let headers = RateHeaders()
        let connection: LiveConnection
        do {
            connection = try LiveConnection.open(
                config: config, statePath: statePath, environment: environment, options: clientOptions,
                observe: { request, response in
                    if request.url.host == URL(string: config.ghl.url ?? "https://services.leadconnectorhq.com")?.host {
                        headers.note(response.headers)
                    }
                })
        } catch {
            report.add("tokens", .error, "\(error)", fix: "set the token variables in the environment (never in the config)")
            await checkState(into: &report)
            return report
        }
        await checkSystems(config: config, connection: connection, headers: headers, into: &report)
        await checkState(into: &report)
        await checkServe(config: config, connection: connection, into: &report)
        await connection.close()
        return report
    }
}
