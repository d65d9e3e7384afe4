import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import Testing

/// Edits made the way a person or another integration would: through each API's client.
extension LiveHarness {
    /// PATCHes a Fulcrum record's form values by data_name (`nil` clears the value).
    func editRecord(_ id: String, _ values: [String: String?]) async throws {
        var formValues: [String: Any] = [:]
        for (name, value) in values {
            let key = try #require(sims.formKeys[name], "no form element \(name)")
            formValues[key] = value.map { $0 as Any } ?? NSNull()
        }
        _ = try await sims.fulcrumClient.patchRecord(
            id: id, json: try JSONSerialization.data(withJSONObject: ["form_values": formValues]))
    }

    /// PATCHes a Fulcrum record as a person's app would, so Fulcrum fires its webhook.
    func editRecordAsAPerson(_ id: String, _ values: [String: String]) async throws {
        try await sims.editRecordAsAPerson(id: id, values: values)
    }

    /// Replaces a Fulcrum record's tags (choice values where a choice matches, others as text).
    func setRecordTags(_ id: String, _ tags: [String]) async throws {
        let choices = ["customer", "lead", "vip"]
        let chosen = tags.filter { choices.contains($0.lowercased()) }.map { $0.lowercased() }
        let other = tags.filter { !choices.contains($0.lowercased()) }
        let key = try #require(sims.formKeys["tags"])
        _ = try await sims.fulcrumClient.patchRecord(
            id: id,
            json: try JSONSerialization.data(withJSONObject: [
                "form_values": [key: ["choice_values": chosen, "other_values": other]]
            ]))
    }

    /// Updates GHL contact fields by their GHL names (`nil` clears the value).
    func editContact(_ id: String, _ fields: [String: String?]) async throws {
        let body = fields.mapValues { value -> Any in value.map { $0 as Any } ?? NSNull() }
        _ = try await sims.ghlClient.updateContact(id: id, json: try JSONSerialization.data(withJSONObject: body))
    }

    /// The record's tags as the Fulcrum simulator holds them (choice values and other values).
    func recordTags(_ id: String) async -> Set<String> {
        guard let record = await records().first(where: { $0.id == id }),
            let tags = record.formValues[sims.formKeys["tags"] ?? ""]
        else { return [] }
        let values = (tags["choice_values"]?.arrayValue ?? []) + (tags["other_values"]?.arrayValue ?? [])
        return Set(values.compactMap { $0.stringValue?.lowercased() })
    }

    /// A Fulcrum record's value by data_name, as the simulator holds it.
    func recordValue(_ id: String, _ name: String) async -> String? {
        await records().first { $0.id == id }?.formValues[sims.formKeys[name] ?? ""]?.stringValue
    }

    /// A GHL contact's standard field, as the simulator holds it.
    func contactValue(_ id: String, _ name: String) async -> String? {
        await sims.cluster.ghl.store.contact(id: id)?.string(name)
    }

    /// The Fulcrum record linked to a contact (by the contact's link field).
    func linkedRecordId(ofContact id: String) async -> String? {
        await sims.cluster.ghl.store.contact(id: id)?.customFields[sims.summary.ghl.externalIdFieldId]?.stringValue
    }

    /// The GHL contact linked to a record (by the record's link field).
    func linkedContactId(ofRecord id: String) async -> String? {
        await recordValue(id, "ghl_contact_id")
    }
}

// MARK: - Write counting

/// Writes each simulator answered between two `/_sim/stats` snapshots, by `METHOD route`.
struct WriteCounts: CustomStringConvertible {
    var fulcrum: [String: Int] = [:]
    var ghl: [String: Int] = [:]

    /// Every write on both sides.
    var total: Int { fulcrum.values.reduce(0, +) + ghl.values.reduce(0, +) }

    var description: String { "fulcrum \(fulcrum.sorted { $0.key < $1.key }), ghl \(ghl.sorted { $0.key < $1.key })" }

    /// Reads are GETs, GHL's search (a POST) and token requests; everything else writes.
    static func isWrite(_ route: String) -> Bool {
        !(route.hasPrefix("GET ") || route == "POST /contacts/search" || route == "POST /oauth/token")
    }

    static func between(_ before: JSONValue, _ after: JSONValue) -> [String: Int] {
        let old = before["byRoute"]?.objectValue ?? [:]
        var out: [String: Int] = [:]
        for (route, count) in after["byRoute"]?.objectValue ?? [:] where isWrite(route) {
            let delta = (count.intValue ?? 0) - (old[route]?.intValue ?? 0)
            if delta > 0 { out[route] = delta }
        }
        return out
    }
}

extension LiveHarness {
    /// Runs `body` and counts the writes both simulators received meanwhile.
    func countingWrites<T>(_ body: () async throws -> T) async rethrows -> (T, WriteCounts) {
        let before = stats()
        let result = try await body()
        let after = stats()
        return (result, WriteCounts(
            fulcrum: WriteCounts.between(before.fulcrum, after.fulcrum), ghl: WriteCounts.between(before.ghl, after.ghl)))
    }
}
