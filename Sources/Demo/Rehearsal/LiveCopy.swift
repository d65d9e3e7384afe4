import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine

/// Both live sides, read with GETs and searches only, in the APIs' own shapes: what a
/// rehearsal seeds its simulators with.
struct LiveCopy: Sendable {
    /// `{"form": {...}}` as Fulcrum sent it.
    var form: Data
    /// The location's custom field definitions as GHL listed them.
    var customFields: [JSONValue]
    /// Every record of the form.
    var records: [RawRecord]
    /// Every contact of the location.
    var contacts: [RawRecord]
    /// Whether the location allows duplicate contacts, when GHL says (`GET /locations/{id}`).
    var allowsDuplicates: Bool?

    /// Reads both sides through `connection` (no write is sent).
    static func read(_ connection: LiveConnection, progress: @Sendable (String) -> Void) async throws -> LiveCopy {
        let form = try await connection.fulcrum.form()
        let customFields = try await connection.ghl.client.customFields().map { try JSONValue.parse($0.json) }
        let records = Collected()
        try await connection.fulcrum.records { page in records.append(page) }
        progress("read \(records.count) Fulcrum records")
        let contacts = Collected()
        try await connection.ghl.contacts { page in contacts.append(page) }
        progress("read \(contacts.count) GHL contacts")
        var allows: Bool?
        if let body = try? await connection.ghl.client.location(),
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        {
            let settings = ((object["location"] as? [String: Any]) ?? object)["settings"] as? [String: Any]
            allows = settings?["allowDuplicateContact"] as? Bool
        }
        return LiveCopy(form: form, customFields: customFields, records: records.items, contacts: contacts.items, allowsDuplicates: allows)
    }

    /// Simulator options holding this copy: the same form id, form, location id and custom
    /// field definitions (no built-in link field: the copy brings its own), the records and
    /// contacts as seeds, and limits high enough that pacing does not slow the rehearsal.
    func simulatorOptions(config: MappingConfig) throws -> SimulatorOptions {
        var options = SimulatorOptions()
        options.fulcrum.formId = config.fulcrum.id
        options.fulcrum.form = try JSONValue.parse(form)
        options.fulcrum.hourlyLimit = 10_000_000
        options.ghl.locationId = config.ghl.id
        options.ghl.customFields = customFields
        options.ghl.linkFieldBuiltIn = false
        options.ghl.allowDuplicateContacts = allowsDuplicates ?? false
        options.ghl.burstLimit = 10_000_000
        options.ghl.dailyLimit = 100_000_000
        options.seed.fulcrumRecords = try records.map { try JSONValue.parse($0.json) }
        options.seed.ghlContacts = try contacts.map { try JSONValue.parse($0.json) }
        return options
    }
}
