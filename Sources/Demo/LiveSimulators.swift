import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Both simulators started in-process on loopback, with HTTP clients and an fgsync config for
/// them: what `fgsync demo` and the end-to-end tests run against (real HTTP, real ports).
public struct LiveSimulators: Sendable {
    /// The running simulators (their stores are readable).
    public let cluster: SimulatorCluster
    /// Where they listen, and their credentials.
    public let summary: SimulatorSummary
    /// A Fulcrum client for the simulator.
    public let fulcrumClient: FulcrumClient
    /// A GHL client for the simulator.
    public let ghlClient: HighLevelClient
    /// The fgsync configuration for them (as `fgsync simulate --write-config` writes it).
    public let config: MappingConfig
    /// Form element keys by data_name, read from the simulator's form.
    public let formKeys: [String: String]
    /// The HTTP transport (shut down by `stop()`).
    let transport: AsyncHTTPTransport

    /// Starts both simulators on free loopback ports and connects clients to them.
    public static func start(
        options: SimulatorOptions = SimulatorOptions(), clientOptions: ClientOptions = ClientOptions()
    ) async throws -> LiveSimulators {
        let cluster = await SimulatorCluster(options: options)
        let summary = try await cluster.start()
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(10))
        // The client's hourly budget matches the simulator's limit (5,000 by default, as Fulcrum's).
        let fulcrum = FulcrumClient(
            baseURL: URL(string: summary.fulcrum.url)!, token: summary.fulcrum.token, transport: transport,
            options: clientOptions, hourlyLimit: options.fulcrum.hourlyLimit)
        let ghl = HighLevelClient(
            baseURL: URL(string: summary.ghl.url)!, locationId: summary.ghl.locationId,
            auth: .privateToken(summary.ghl.token), transport: transport, options: clientOptions)
        let form = try FormDefinition(json: try await fulcrum.form(id: summary.fulcrum.formId))
        return LiveSimulators(
            cluster: cluster, summary: summary, fulcrumClient: fulcrum, ghlClient: ghl,
            config: try MappingConfig.load(yaml: summary.fgsyncConfigYAML(), source: "simulator config"),
            formKeys: form.elements.mapValues { (element: FormElement) in element.key }, transport: transport)
    }

    /// The engine's gateways over the clients.
    public var fulcrumGateway: FulcrumClientGateway { FulcrumClientGateway(client: fulcrumClient, formId: summary.fulcrum.formId) }

    /// The engine's gateways over the clients.
    public var ghlGateway: GHLClientGateway { GHLClientGateway(client: ghlClient) }

    /// Stops the simulators and the HTTP client.
    public func stop() async {
        try? await transport.shutdown()
        await cluster.stop()
    }

    /// PATCHes a Fulcrum record's form values by data_name as a person's app would: without
    /// `X-SkipWebhooks` (fgsync's own client always sends it), so Fulcrum fires its webhook.
    public func editRecordAsAPerson(id: String, values: [String: String]) async throws {
        var formValues: [String: String] = [:]
        for (name, value) in values {
            guard let key = formKeys[name] else { throw SyncEngineError(.usage, "the simulator's form has no field \(name)") }
            formValues[key] = value
        }
        var request = URLRequest(url: URL(string: summary.fulcrum.url + "/api/v2/records/\(id).json")!)
        request.httpMethod = "PATCH"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue(summary.fulcrum.token, forHTTPHeaderField: "X-ApiToken")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["record": ["form_values": formValues]])
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw SyncEngineError(.input, "the Fulcrum simulator answered \(status) to PATCH record \(id)") }
    }

    /// A Fulcrum record in the API's shape with the given data_name values (choice values for
    /// `tags`), for seeding.
    public func fulcrumRecord(id: String? = nil, values: [String: String], tags: [String] = []) -> JSONValue {
        var formValues: [String: JSONValue] = [:]
        for (name, value) in values { if let key = formKeys[name] { formValues[key] = .string(value) } }
        if !tags.isEmpty, let key = formKeys["tags"] {
            formValues[key] = .object(["choice_values": .array([]), "other_values": .array(tags.map(JSONValue.string))])
        }
        var record: [String: JSONValue] = ["form_id": .string(summary.fulcrum.formId), "form_values": .object(formValues)]
        if let id { record["id"] = .string(id) }
        return .object(record)
    }

    /// A GHL contact in the API's shape, for seeding.
    public func ghlContact(id: String? = nil, fields: [String: String], tags: [String] = []) -> JSONValue {
        var contact: [String: JSONValue] = fields.mapValues(JSONValue.string)
        contact["tags"] = .array(tags.map(JSONValue.string))
        if let id { contact["id"] = .string(id) }
        return .object(contact)
    }
}
