import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// The pairings the simulator's default form does not have, over real loopback HTTP: both
/// simulators serve the field-type scenarios' form and custom fields (`fixtures/scenarios/_types`:
/// TEXT, LARGE_TEXT, PHONE, EMAIL, a RADIO by choice value, CHECKBOX from a multiple choice, text
/// to DATE and NUMERICAL, a choice to a text standard field, computed fields to GHL).
@Suite(.serialized)
struct TypedFormEndToEndTests {
    typealias Row = FieldTypeEndToEndTests.Row

    static let rows: [Row] = [
        Row(key: "nickname", fulcrum: "Ada", inGHL: "Ada", ghl: "Countess", inFulcrum: "Countess"),
        Row(key: "bio", fulcrum: "Line one\nLine two", inGHL: "Line one\nLine two", ghl: "Poet", inFulcrum: "Poet"),
        Row(key: "alt_phone", fulcrum: "(415) 555-0101", inGHL: "(415) 555-0101", ghl: "+14155550199", inFulcrum: "+14155550199"),
        Row(key: "alt_email", fulcrum: "Ada@Example.com", inGHL: "Ada@Example.com", ghl: "ada.l@example.com", inFulcrum: "ada.l@example.com"),
        Row(key: "contact_method", fulcrum: ["choice_values": ["phone"], "other_values": []], inGHL: "phone",
            ghl: "email", inFulcrum: ["choice_values": ["email"], "other_values": []]),
        Row(key: "services", fulcrum: ["choice_values": ["design", "build"], "other_values": []], inGHL: ["Design", "Build"],
            ghl: ["Build"], inFulcrum: ["choice_values": ["build"], "other_values": []]),
        Row(key: "member_since", fulcrum: "03/01/2020", inGHL: "2020-03-01T00:00:00.000Z", ghl: "2021-04-15", inFulcrum: "2021-04-15"),
        Row(key: "headcount", fulcrum: "120", inGHL: 120, ghl: 99, inFulcrum: "99"),
        Row(key: "lead_source", fulcrum: ["choice_values": ["web"], "other_values": []], inGHL: "Website",
            ghl: "Trade show", inFulcrum: ["choice_values": ["trade_show"], "other_values": []]),
        Row(key: "score", fulcrum: "7", inGHL: 7, ghl: .null, inFulcrum: .null, toGHLOnly: true),
        Row(key: "category", fulcrum: ["choice_values": ["Tools", "Saws"], "other_values": []], inGHL: "Tools / Saws",
            ghl: .null, inFulcrum: .null, toGHLOnly: true),
    ]

    @Test(arguments: rows)
    func aValueMovesInEachSidesTypeAndClears(_ row: Row) async throws {
        let config = try MappingConfig.load(contentsOf: ScenarioLoader.typed.appendingPathComponent("config.yaml"))
        var options = SimulatorOptions()
        options.fulcrum.formId = config.fulcrum.id
        options.fulcrum.form = try JSONValue.parse(Data(contentsOf: ScenarioLoader.typed.appendingPathComponent("form.json")))
        options.ghl.locationId = config.ghl.id
        options.ghl.externalIdFieldId = config.ghlLinkField
        let listed = try JSONValue.parse(Data(contentsOf: ScenarioLoader.typed.appendingPathComponent("custom-fields.json")))
        options.ghl.customFields = (listed["customFields"]?.arrayValue ?? []).filter { $0["id"]?.stringValue != config.ghlLinkField }
        let sims = try await LiveSimulators.start(options: options, clientOptions: LiveHarness.clientOptions())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-types-\(UUID().uuidString)")
        let harness = LiveHarness(
            sims: sims, fulcrumGateway: sims.fulcrumGateway, statePath: directory.appendingPathComponent("state.sqlite").path,
            directory: directory,
            mapping: try ResolvedMapping(
                config: config, form: FormDefinition(json: try await sims.fulcrumGateway.form()),
                ghlCustomFields: try await sims.ghlGateway.customFields()),
            ghlGateway: sims.ghlGateway)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try await FieldTypeEndToEndTests.exercise(row, harness, config: config)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }
}
