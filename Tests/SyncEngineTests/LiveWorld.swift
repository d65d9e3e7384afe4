import Foundation
import Simulators
import SyncCore

/// What both simulators hold after a run, projected to canonical values as the engine sees
/// them, with the checks every end-to-end test makes: links both ways, every mapped field and
/// the tags equal across each pair, no duplicates.
struct LiveWorld {
    /// Fulcrum records by id.
    var records: [String: RecordState]
    /// GHL contacts by id.
    var contacts: [String: RecordState]
    let fieldKeys: [String]

    /// The contact a record is linked to, when the link holds both ways.
    func partner(ofRecord id: String) -> RecordState? {
        guard let contactId = records[id]?.linkId, let contact = contacts[contactId], contact.linkId == id else { return nil }
        return contact
    }

    /// The record whose canonical email is `email` (lower-cased).
    func record(email: String) -> RecordState? {
        records.values.first { $0.fields["email"]?.canonical == email.lowercased() }
    }

    /// A field's canonical value on a record.
    func value(_ record: RecordState?, _ key: String) -> String? { record?.fields[key]?.canonical }

    /// Everything wrong with the two sides as a synced whole; empty when they agree.
    func problems() -> [String] {
        var out: [String] = []
        if records.count != contacts.count { out.append("\(records.count) records but \(contacts.count) contacts") }
        for record in records.values.sorted(by: { $0.id < $1.id }) {
            guard let contact = partner(ofRecord: record.id) else {
                out.append("record \(record.id) is not linked both ways (its link: \(record.linkId ?? "none"))")
                continue
            }
            for key in fieldKeys where record.fields[key]?.canonical != contact.fields[key]?.canonical {
                out.append("\(key) differs: record \(record.id) \(record.fields[key]?.text ?? "empty"), contact \(contact.id) \(contact.fields[key]?.text ?? "empty")")
            }
            if record.tags.keys != contact.tags.keys {
                out.append("tags differ: record \(record.id) \(record.tags.sortedSpellings), contact \(contact.id) \(contact.tags.sortedSpellings)")
            }
        }
        for contact in contacts.values where contact.linkId.flatMap({ records[$0] })?.linkId != contact.id {
            out.append("contact \(contact.id) is not linked both ways (its link: \(contact.linkId ?? "none"))")
        }
        for (side, states) in [("Fulcrum", Array(records.values)), ("GHL", Array(contacts.values))] {
            for key in ["email", "phone"] {
                let values = states.compactMap { $0.fields[key]?.canonical }
                for (value, count) in Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +) where count > 1 {
                    out.append("\(side) holds \(count) records with \(key) \(value)")
                }
            }
        }
        return out
    }

    /// Each side's people as comparable lines (no ids), to compare two runs that made different ids.
    var people: (fulcrum: [String], ghl: [String]) {
        func line(_ state: RecordState) -> String {
            (fieldKeys.map { state.fields[$0]?.canonical ?? "" } + [state.tags.keys.sorted().joined(separator: ",")])
                .joined(separator: "|")
        }
        return (records.values.map(line).sorted(), contacts.values.map(line).sorted())
    }
}

extension LiveHarness {
    /// Both simulators' contents, read from their stores (no HTTP, so no faults and no stats).
    func world() async throws -> LiveWorld {
        let fulcrum = FulcrumProjection(mapping: mapping)
        let ghl = GHLProjection(mapping: mapping)
        var records: [String: RecordState] = [:]
        for record in await self.records() {
            records[record.id] = try fulcrum.project(try Self.object(.object(record.json)))
        }
        var contacts: [String: RecordState] = [:]
        for contact in await self.contacts() {
            var object = contact.fields
            object["id"] = .string(contact.id)
            object["tags"] = .array(contact.tags.map(JSONValue.string))
            object["customFields"] = .array(contact.customFields.map { ["id": .string($0.key), "value": $0.value] })
            contacts[contact.id] = try ghl.project(try Self.object(.object(object)))
        }
        return LiveWorld(records: records, contacts: contacts, fieldKeys: mapping.fields.map(\.key))
    }

    static func object(_ value: JSONValue) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: value.serialized()) as? [String: Any] ?? [:]
    }
}
