import Foundation
import FulcrumAPI
import HighLevelAPI
import SyncCore
import SyncHTTP

/// `fgsync init`: reads a form and a location's custom fields and writes a working, commented
/// config (`ConfigProposal`); creates the GHL link field when asked, and says exactly what it
/// would create otherwise. Never overwrites a file without `force`. Reads only, except the one
/// custom field `createMissing` creates.
public struct InitJob: Sendable {
    /// The Fulcrum form id.
    public var formId: String
    /// The GHL location id.
    public var locationId: String
    /// Fulcrum API origin; `nil` is the real API.
    public var fulcrumURL: String?
    /// GHL API origin; `nil` is the real API.
    public var ghlURL: String?
    /// Where the config goes.
    public var outPath: String
    /// Whether an existing file may be replaced.
    public var force = false
    /// Whether to create the GHL custom field for the Fulcrum record id when it is missing.
    public var createMissing = false
    /// Where the token variables are read.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// HTTP client options.
    public var clientOptions = ClientOptions()

    /// What init did.
    public struct Outcome: Sendable {
        /// The proposal written.
        public var proposal: ConfigProposal
        /// The config text written to `outPath`.
        public var yaml: String
        /// What was created in GHL (`Fulcrum Record Id (TEXT), id ...`).
        public var created: [String] = []
        /// What remains for a person to do, step by step.
        public var todo: [String] = []
        /// `nil` when the written config loads and resolves against both systems; else the loader's message.
        public var loadProblem: String?
    }

    /// Creates a job.
    public init(formId: String, locationId: String, outPath: String) {
        self.formId = formId
        self.locationId = locationId
        self.outPath = outPath
    }

    /// Reads both systems, writes the config, and returns what it did.
    public func run() async throws -> Outcome {
        if FileManager.default.fileExists(atPath: outPath), !force {
            throw SyncEngineError(.usage, "\(outPath) exists; fgsync init never overwrites a config. Give another --out, or --force to replace it")
        }
        let config = MappingConfig(
            fulcrum: .init(url: fulcrumURL, id: formId, tokenEnv: "FULCRUM_TOKEN"),
            ghl: .init(url: ghlURL, id: locationId, tokenEnv: "GHL_TOKEN"),
            ghlLinkField: "", fulcrumLinkField: "", fulcrumTagsField: nil, fields: [])
        let statePath = URL(fileURLWithPath: outPath).deletingLastPathComponent().appendingPathComponent("fgsync.sqlite").path
        let connection = try LiveConnection.open(config: config, statePath: statePath, environment: environment, options: clientOptions)
        do {
            let outcome = try await run(config: config, connection: connection)
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    func run(config: MappingConfig, connection: LiveConnection) async throws -> Outcome {
        let formJSON = try await EndpointCheck.first(.fulcrum, config: config) { try await connection.fulcrum.form() }
        let form = try FormDefinition(json: formJSON, source: "Fulcrum form \(formId)")
        var definitions = try await EndpointCheck.first(.ghl, config: config) { try await connection.ghl.customFields() }
        let endpoints = ConfigProposal.Endpoints(fulcrumURL: fulcrumURL, formId: formId, ghlURL: ghlURL, locationId: locationId)
        var proposal = ConfigProposal(form: form, definitions: definitions, endpoints: endpoints)
        var created: [String] = []
        var todo: [String] = []
        if proposal.ghlLinkField == nil {
            let body = #"{"name":"\#(ConfigProposal.linkFieldName)","dataType":"TEXT"}"#
            if createMissing {
                let item = try await connection.ghl.client.createCustomField(json: Data(body.utf8))
                created.append("GHL custom field \"\(ConfigProposal.linkFieldName)\" (TEXT), id \(item.id), in location \(locationId)")
                definitions = try await connection.ghl.customFields()
                proposal = ConfigProposal(form: form, definitions: definitions, endpoints: endpoints)
            } else {
                todo.append(
                    "GHL has no custom field for the Fulcrum record id. Run again with --create-missing to create it, which sends: "
                        + "POST /locations/\(locationId)/customFields \(body) (or create a TEXT custom field named \"\(ConfigProposal.linkFieldName)\" in GHL's Settings > Custom Fields)")
            }
        }
        if proposal.fulcrumLinkElement == nil {
            todo.append(
                "Fulcrum's API does not edit forms: in Fulcrum's app builder open form \"\(form.name)\", drag a Text field onto the form, "
                    + "set its label to \"GHL Contact ID\" and its data name to \"\(ConfigProposal.fulcrumLinkField)\", tick \"Hidden\" "
                    + "(people never type in it: fgsync writes the GHL contactId there), and save the form")
        }
        let yaml = proposal.yaml
        var outcome = Outcome(proposal: proposal, yaml: yaml, created: created, todo: todo)
        do {
            let written = try MappingConfig.load(yaml: yaml, source: outPath)
            _ = try ResolvedMapping(config: written, form: form, ghlCustomFields: definitions)
        } catch {
            outcome.loadProblem = "\(error)"
        }
        do {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: outPath), options: .atomic)
        } catch {
            throw SyncEngineError(.usage, "cannot write \(outPath): \(error.localizedDescription). Give an --out in a writable folder")
        }
        return outcome
    }
}

extension InitJob.Outcome {
    /// For people: what was paired and not, what was created, what remains to do, and what next.
    public func text(outPath: String) -> String {
        var lines = ["Wrote \(outPath): \(proposal.pairings.count) fields paired, \(proposal.unpaired.count) not paired (listed in the file with the reason)."]
        for pairing in proposal.pairings { lines.append("  \(pairing.fulcrum) -> \(pairing.ghlName)  (\(pairing.types))") }
        for item in proposal.unpaired { lines.append("  not paired: \(item.fulcrum): \(item.reason)") }
        for item in created { lines.append("Created: \(item)") }
        for (index, item) in todo.enumerated() { lines.append("To do \(index + 1): \(item)") }
        if let loadProblem {
            lines.append("The config does not load yet: \(loadProblem)")
        } else {
            lines.append("The config loads and resolves against both systems. Next: fgsync doctor --config \(outPath)")
        }
        return TextEscaping.lines(lines)
    }
}
