import Foundation
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore

/// `fgsync rehearse`: copies both live sides (GETs and searches only) into in-process
/// simulators holding the same form, custom fields, records and contacts, runs the real
/// reconcile against the copies with a scratch state file (a copy of the real one, when there
/// is one), and returns the report and the end state it leaves. Neither live system nor the
/// real state file is written.
public struct RehearseJob: Sendable {
    /// The YAML mapping.
    public var configPath: String
    /// Which sync of a `syncs:` config (nil: a single-sync config).
    public var sync: String?
    /// The real state file (copied, never opened for writing).
    public var statePath: String
    /// Where the rehearsed run's report goes, when given.
    public var reportDirectory: URL?
    /// Where the token variables are read.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// HTTP client options for the live systems.
    public var clientOptions = ClientOptions()
    /// Ids for the Fulcrum records the rehearsal creates (UUIDs by default).
    public var newRecordId: @Sendable () -> String = { UUID().uuidString.lowercased() }

    /// Creates a job.
    public init(configPath: String, sync: String? = nil, statePath: String) {
        self.configPath = configPath
        self.sync = sync
        self.statePath = statePath
    }

    /// Copies, rehearses, and returns what the first real run would do and leave.
    public func run(log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Rehearsal {
        let config = try MappingConfig.load(contentsOf: URL(fileURLWithPath: configPath), sync: sync)
        let connection = try LiveConnection.open(config: config, statePath: statePath, environment: environment, options: clientOptions)
        do {
            let rehearsal = try await run(config: config, connection: connection, log: log)
            await connection.close()
            return rehearsal
        } catch {
            await connection.close()
            throw error
        }
    }

    func run(config: MappingConfig, connection: LiveConnection, log: @escaping @Sendable (String) -> Void) async throws -> Rehearsal {
        let copy = try await LiveCopy.read(connection, progress: log)
        let mapping = try ResolvedMapping(
            config: config, form: FormDefinition(json: copy.form, source: "Fulcrum form \(config.fulcrum.id)"),
            ghlCustomFields: copy.customFields.compactMap { value in
                ((try? JSONSerialization.jsonObject(with: value.serialized())) as? [String: Any]).flatMap(GHLCustomField.init(object:))
            })
        let before = try EndState(records: copy.records, contacts: copy.contacts, mapping: mapping)
        var clientOptions = ClientOptions()
        clientOptions.retry.maxAttempts = 3
        let sims = try await LiveSimulators.start(options: try copy.simulatorOptions(config: config), clientOptions: clientOptions)
        do {
            let scratch = try ScratchState(copying: statePath)
            defer { scratch.remove() }
            var rehearsed = config
            rehearsed.fulcrum.url = sims.summary.fulcrum.url
            rehearsed.ghl.url = sims.summary.ghl.url
            let fulcrum = RehearsalFulcrumGateway(copy: sims.fulcrumGateway, live: connection.fulcrum)
            log("rehearsing the reconcile against the copies")
            let report = try await ReconcileJob(
                config: rehearsed, store: scratch.store, fulcrum: fulcrum, ghl: sims.ghlGateway,
                options: ReconcileOptions(reportDirectory: reportDirectory), log: log, newRecordId: newRecordId
            ).run()
            let after = try await EndState.read(fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway, mapping: mapping)
            await sims.stop()
            return Rehearsal(report: report, before: before, after: after, sample: Rehearsal.sample(before: before, after: after))
        } catch {
            await sims.stop()
            throw error
        }
    }
}
