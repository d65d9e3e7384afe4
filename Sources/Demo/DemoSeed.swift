import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncHTTP

/// The demo's data: the cast split across both systems, and the edits made between runs.
struct DemoSeed: Sendable {
    let sims: LiveSimulators
    let people: Int

    var fulcrumRange: Range<Int> { 0..<(people * 11 / 15) }
    var ghlRange: Range<Int> { (people * 4 / 15)..<people }
    var overlap: Range<Int> { ghlRange.lowerBound..<fulcrumRange.upperBound }

    func fulcrumRecords() -> [JSONValue] {
        fulcrumRange.map { index in
            let person = DemoPeople.person(index)
            var values = [
                "first_name": person.first, "last_name": person.last, "company_name": person.company,
                "phone": DemoPeople.fulcrumPhone(person.phone, index),
            ]
            if let email = person.email { values["email"] = index % 2 == 0 ? email.capitalized : email }
            // A typo a field worker might make: held by fgsync with the reason, never guessed.
            if index == 7 { values["email"] = "\(person.first.lowercased())@example" }
            return withTypedValues(sims.fulcrumRecord(id: "demo-f-\(index)", values: values, tags: person.tags), index)
        }
    }

    func ghlContacts() -> [JSONValue] {
        ghlRange.map { index in
            let person = DemoPeople.person(index)
            var fields = ["firstName": person.first, "lastName": person.last, "phone": person.phone]
            // Some people are known to GHL by phone only, some with another company name.
            if let email = person.email, index % 5 != 1 { fields["email"] = email }
            fields["companyName"] = index % 10 == 0 ? "\(person.company) Inc." : person.company
            return sims.ghlContact(fields: fields, tags: person.tags.map { $0.lowercased() })
        }
    }

    /// Edits made by people between the runs: each side changes some fields, both sides change
    /// the same field of a few pairs (conflicts), some records are deleted, tags move.
    func editBothSides() async throws -> String {
        let keys = sims.formKeys
        let records = await sims.cluster.fulcrum.store.allRecords().sorted { $0.id < $1.id }
        let contacts = await sims.cluster.ghl.store.allContacts().sorted { $0.id < $1.id }
        let linkKey = keys["ghl_contact_id"] ?? ""
        let linked = records.compactMap { record -> (String, String)? in
            guard let contactId = record.formValues[linkKey]?.stringValue else { return nil }
            return (record.id, contactId)
        }
        guard linked.count >= 40, contacts.count >= 40 else { return "too few linked pairs to edit" }
        var counts = (fulcrum: 0, ghl: 0, conflicts: 0, deletes: 0, tags: 0)
        func patch(_ id: String, _ values: [String: String]) async throws {
            var formValues: [String: String] = [:]
            for (name, value) in values { if let key = keys[name] { formValues[key] = value } }
            let body = try JSONSerialization.data(withJSONObject: ["form_values": formValues])
            _ = try await sims.fulcrumClient.patchRecord(id: id, json: body)
        }
        func update(_ id: String, _ fields: [String: String]) async throws {
            _ = try await sims.ghlClient.updateContact(id: id, json: try JSONSerialization.data(withJSONObject: fields))
        }
        for (recordId, _) in linked[0..<8] {
            try await patch(recordId, ["phone": "(628) 555-0\(100 + counts.fulcrum)"])
            counts.fulcrum += 1
        }
        for (_, contactId) in linked[8..<16] {
            try await update(contactId, ["companyName": "Moved Company \(counts.ghl)"])
            counts.ghl += 1
        }
        // Conflicts: both sides rename the same person; the later edit wins under `newest`.
        for (offset, (recordId, contactId)) in linked[16..<22].enumerated() {
            if offset % 2 == 0 {
                try await patch(recordId, ["last_name": "Fulcrum-\(offset)"])
                sims.cluster.options.clock.advance(millis: 2_000)
                try await update(contactId, ["lastName": "GHL-\(offset)"])
            } else {
                try await update(contactId, ["lastName": "GHL-\(offset)"])
                sims.cluster.options.clock.advance(millis: 2_000)
                try await patch(recordId, ["last_name": "Fulcrum-\(offset)"])
            }
            counts.conflicts += 1
        }
        for (_, contactId) in linked[22..<27] {
            _ = try await sims.ghlClient.addTags(id: contactId, tags: ["Renewal 2027"])
            counts.tags += 1
        }
        for (_, contactId) in linked[27..<30] {
            try await sims.ghlClient.deleteContact(id: contactId)
            counts.deletes += 1
        }
        for (recordId, _) in linked[30..<32] {
            try await sims.fulcrumClient.deleteRecord(id: recordId)
            counts.deletes += 1
        }
        let typed = try await editTypes(linked[32..<40])
        return "\(counts.fulcrum) Fulcrum edits, \(counts.ghl) GHL edits, \(counts.conflicts) conflicting edits on both sides, \(counts.tags) GHL tag additions, \(counts.deletes) deletes (3 in GHL, 2 in Fulcrum), \(typed) edits of typed fields (numbers, choices, dates, yes/no, country)"
    }
}
