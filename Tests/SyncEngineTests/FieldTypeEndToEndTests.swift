import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// Every typed pairing `fgsync simulate --write-config` maps, over real loopback HTTP against
/// both simulators with a real state file: a value set in Fulcrum arrives in GHL in GHL's type, a
/// value set in GHL arrives in Fulcrum, a rerun writes nothing, and a clear on either side clears
/// the other.
@Suite(.serialized)
struct FieldTypeEndToEndTests {
    struct Row: Sendable, CustomTestStringConvertible {
        /// The mapping key (a data_name, or `address.part`).
        var key: String
        /// The value as Fulcrum stores it, set in Fulcrum.
        var fulcrum: JSONValue
        /// What GHL must then hold, in GHL's type.
        var inGHL: JSONValue
        /// A value set in GHL, as GHL takes it (`field_value`).
        var ghl: JSONValue
        /// What Fulcrum must then hold.
        var inFulcrum: JSONValue
        /// A `to_ghl` field (computed by Fulcrum): only the Fulcrum-to-GHL half applies.
        var toGHLOnly = false
        var testDescription: String { key }
    }

    static let rows: [Row] = [
        Row(key: "employees", fulcrum: "42.0", inGHL: 42, ghl: 43, inFulcrum: "43"),
        Row(key: "annual_value", fulcrum: "1250.50", inGHL: 1250.5, ghl: 99.95, inFulcrum: "99.95"),
        Row(key: "member_level", fulcrum: ["choice_values": ["gold"], "other_values": []], inGHL: "Gold",
            ghl: "Bronze", inFulcrum: ["choice_values": ["bronze"], "other_values": []]),
        Row(key: "interests", fulcrum: ["choice_values": ["planes", "boats"], "other_values": []], inGHL: ["Planes", "Boats"],
            ghl: ["Trains", "Boats"], inFulcrum: ["choice_values": ["trains", "boats"], "other_values": []]),
        Row(key: "newsletter", fulcrum: "yes", inGHL: ["Yes"], ghl: ["No"], inFulcrum: "no"),
        Row(key: "vip", fulcrum: "no", inGHL: "No", ghl: "Yes", inFulcrum: "yes"),
        Row(key: "renewal_date", fulcrum: "2026-01-05", inGHL: "2026-01-05T00:00:00.000Z", ghl: "2027-02-03", inFulcrum: "2027-02-03"),
        Row(key: "birth_date", fulcrum: "1990-09-25", inGHL: "1990-09-25T00:00:00.000Z", ghl: "1991-01-02", inFulcrum: "1991-01-02"),
        Row(key: "website", fulcrum: "https://example.com/ada", inGHL: "https://example.com/ada", ghl: "https://example.org", inFulcrum: "https://example.org"),
        Row(key: "address.country", fulcrum: "United States", inGHL: "US", ghl: "FR", inFulcrum: "FR"),
        Row(key: "address.locality", fulcrum: "London", inGHL: "London", ghl: "Paris", inFulcrum: "Paris"),
        Row(key: "address.admin_area", fulcrum: "CA", inGHL: "CA", ghl: "NY", inFulcrum: "NY"),
        Row(key: "address.postal_code", fulcrum: "94103", inGHL: "94103", ghl: "10001", inFulcrum: "10001"),
        Row(key: "address.street", fulcrum: "1 Main St", inGHL: "1 Main St", ghl: "2 Side Rd", inFulcrum: "2 Side Rd"),
    ]

    @Test func theSimulatorConfigMapsAFieldOfEveryTypedPairing() async throws {
        try await LiveHarness.run { harness in
            let mapped = Set(harness.mapping.fields.map(\.key))
            #expect(Set(Self.rows.map(\.key)).isSubset(of: mapped))
            let targets = Set(harness.mapping.fields.map(\.conversion.target))
            #expect(targets == Set(FieldConversion.Target.allCases))
            let types = Set(harness.mapping.fields.compactMap { field -> String? in
                guard case .custom = field.ghl else { return nil }
                return field.conversion.ghlType
            })
            #expect(types == ["NUMERICAL", "MONETORY", "SINGLE_OPTIONS", "MULTIPLE_OPTIONS", "CHECKBOX", "RADIO", "DATE"])
        }
    }

    @Test(arguments: rows)
    func aValueMovesBothWaysInEachSidesTypeAndClearsBothWays(_ row: Row) async throws {
        try await LiveHarness.run { harness in try await Self.exercise(row, harness) }
    }

    /// The round of one row: Fulcrum to GHL in GHL's type, a quiet rerun, GHL to Fulcrum, a
    /// quiet rerun, a clear from Fulcrum, a clear from GHL (each followed by a quiet rerun).
    static func exercise(_ row: Row, _ harness: LiveHarness, config: MappingConfig? = nil) async throws {
        let field = try #require(harness.mapping.fields.first { $0.key == row.key })
        await harness.sims.cluster.fulcrum.store.seed(records: [
            harness.record("f-1", email: "row@example.com", row.key, row.fulcrum)
        ])

        // Fulcrum to GHL, in GHL's type.
        let first = try await harness.reconcile(config: config)
        #expect(first.outcome == "ok", "\(first.failed.map(\.error))")
        let contactId = try #require(await harness.contacts().first?.id)
        #expect(await harness.ghlValue(contactId, field) == row.inGHL)
        try await harness.expectNoWrites("after the create", config: config)

        if !row.toGHLOnly {
            // GHL to Fulcrum.
            try await harness.setGHL(contactId, field, row.ghl)
            let back = try await harness.reconcile(config: config)
            #expect(back.outcome == "ok", "\(back.failed.map(\.error))")
            #expect(await harness.fulcrumValue("f-1", field) == row.inFulcrum)
            try await harness.expectNoWrites("after the update from GHL", config: config)
        }

        // A clear in Fulcrum clears GHL.
        try await harness.setFulcrum("f-1", field, nil)
        _ = try await harness.reconcile(config: config)
        #expect(await harness.ghlValue(contactId, field) == nil)
        try await harness.expectNoWrites("after the clear from Fulcrum", config: config)

        guard !row.toGHLOnly else { return }
        // A clear in GHL clears Fulcrum.
        try await harness.setGHL(contactId, field, row.ghl)
        _ = try await harness.reconcile(config: config)
        #expect(await harness.fulcrumValue("f-1", field) == row.inFulcrum)
        try await harness.setGHL(contactId, field, nil)
        _ = try await harness.reconcile(config: config)
        #expect(await harness.fulcrumValue("f-1", field) == nil)
        try await harness.expectNoWrites("after the clear from GHL", config: config)
    }
}

/// Typed values in and out of the simulators, by mapping field.
extension LiveHarness {
    /// A Fulcrum record with an email and one mapped field's raw value.
    func record(_ id: String, email: String, _ key: String, _ value: JSONValue) -> JSONValue {
        let parts = key.split(separator: ".").map(String.init)
        var values: [String: JSONValue] = [sims.formKeys["email"] ?? "": .string(email)]
        values[sims.formKeys[parts[0]] ?? ""] = parts.count == 2 ? .object([Self.stored(part: parts[1]): value]) : value
        return ["id": .string(id), "form_id": .string(sims.summary.fulcrum.formId), "form_values": .object(values)]
    }

    /// The address key a part is stored under (`street` is fgsync's name for the thoroughfare).
    static func stored(part: String) -> String { part == "street" ? "thoroughfare" : part }

    /// The field's value as the GHL simulator holds it (`nil` when absent).
    func ghlValue(_ contactId: String, _ field: ResolvedField) async -> JSONValue? {
        guard let contact = await sims.cluster.ghl.store.contact(id: contactId) else { return nil }
        switch field.ghl {
        case .standard(let name): return contact.fields[name]
        case .custom(let id): return contact.customFields[id]
        }
    }

    /// The field's value as the Fulcrum simulator holds it (`nil` when absent or null).
    func fulcrumValue(_ recordId: String, _ field: ResolvedField) async -> JSONValue? {
        let value = await records().first { $0.id == recordId }?.formValues[field.element.key]
        let part = field.addressPart.flatMap { value?[Self.stored(part: $0)] } ?? (field.addressPart == nil ? value : nil)
        return part == .null ? nil : part
    }

    /// Sets (or, with `nil`, clears) the field in GHL through the API, as a GHL user would.
    func setGHL(_ contactId: String, _ field: ResolvedField, _ value: JSONValue?) async throws {
        let body: JSONValue
        switch field.ghl {
        case .standard(let name): body = [name: value ?? .null]
        case .custom(let id): body = ["customFields": [["id": .string(id), "field_value": value ?? ""]]]
        }
        _ = try await sims.ghlClient.updateContact(id: contactId, json: body.serialized())
    }

    /// Sets (or, with `nil`, clears) the field in Fulcrum through the API.
    func setFulcrum(_ recordId: String, _ field: ResolvedField, _ value: JSONValue?) async throws {
        var stored = value ?? .null
        if let part = field.addressPart {
            var address = await records().first { $0.id == recordId }?.formValues[field.element.key]?.objectValue ?? [:]
            address[Self.stored(part: part)] = stored
            stored = .object(address)
        }
        let body: JSONValue = ["form_values": [field.element.key: stored]]
        _ = try await sims.fulcrumClient.patchRecord(id: recordId, json: body.serialized())
    }

    /// A reconcile that writes nothing to either side.
    func expectNoWrites(_ when: String, config: MappingConfig? = nil) async throws {
        let (report, writes) = try await countingWrites { try await reconcile(config: config) }
        #expect(report.planned.isEmpty && writes.total == 0, "\(when): \(report.planned) \(writes)")
    }
}
