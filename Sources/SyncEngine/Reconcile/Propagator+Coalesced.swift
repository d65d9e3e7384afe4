import Foundation
import SyncCore
import SyncStore

/// The coalesced writes: one GHL PUT (fields and link), GHL's tag calls, one Fulcrum PATCH
/// (fields, link and tags), each verified from the record the server returns.
extension Propagator {
    func writeGHL(_ state: inout PairWrite, outcome: inout Outcome) async throws {
        let entries = state.open.filter { $0.operation.side == .ghl }
        guard let first = entries.first else { return }
        guard let contactId = state.contactId else {
            throw WriteFailure(entry: first, message: "\(describe(first.operation)): the contact id is unknown")
        }
        let updates = entries.filter { $0.operation.kind == .update || $0.operation.kind == .link }
        if let head = updates.first {
            state.current = head
            let fields = updates.reduce(into: [String: FieldValue?]()) { $0.merge($1.operation.fields) { _, new in new } }
            let linkTo = updates.contains { $0.operation.kind == .link } ? state.fulcrumId : nil
            let body = try GHLWriteEncoder(mapping: mapping).updateBody(fields: fields, linkTo: linkTo)
            let before = try await store.record(.ghl, id: contactId)
            let contact = try await send(head) { try await ghl.update(id: contactId, body: body) }
            let after = try GHLProjection(mapping: mapping).project(contact.object)
            try verify(head, fields: fields, linkTo: linkTo, after: after, side: .ghl)
            let audit = try overwrites(.ghl, contactId, before: before, fields: fields)
            for entry in updates {
                try await complete(entry, &state, response: contact, side: .ghl, isLast: state.open.count == 1,
                             audit: entry.id == head.id ? audit : [])
                outcome.applied.append(entry.operation)
                progress.applied(failed: false)
            }
        }
        for entry in entries where entry.operation.kind == .addTags || entry.operation.kind == .removeTags {
            state.current = entry
            let body = try GHLWriteEncoder(mapping: mapping).tagsBody(entry.operation.tags)
            let adding = entry.operation.kind == .addTags
            let tags = try await send(entry) {
                adding ? try await ghl.addTags(id: contactId, body: body) : try await ghl.removeTags(id: contactId, body: body)
            }
            let result = TagSet(tags)
            guard entry.operation.tags.allSatisfy({ result.contains($0) == adding }) else {
                throw WriteFailure(entry: entry, message: "GHL accepted the tag change on contact \(contactId) but answered with tags \(tags); it will be retried next run")
            }
            let mirror = try await mirrorWithTags(contactId: contactId, tags: tags)
            try await settle(entry, &state, mirror: mirror, audit: [], isLast: state.open.count == 1,
                       response: String(decoding: try JSONSerialization.data(withJSONObject: ["tags": tags]), as: UTF8.self))
            outcome.applied.append(entry.operation)
            progress.applied(failed: false)
        }
    }

    func writeFulcrum(_ state: inout PairWrite, outcome: inout Outcome) async throws {
        let entries = state.open.filter { $0.operation.side == .fulcrum }
        guard let head = entries.first else { return }
        state.current = head
        guard let fulcrumId = state.fulcrumId, var raw = try await store.rawRecord(.fulcrum, id: fulcrumId) else {
            throw WriteFailure(entry: head, message: "\(describe(head.operation)): the record is not in the mirror; the next run re-reads it")
        }
        let encoder = FulcrumWriteEncoder(mapping: mapping)
        let fields = entries.reduce(into: [String: FieldValue?]()) { $0.merge($1.operation.fields) { _, new in new } }
        let linkTo = entries.contains { $0.operation.kind == .link } ? state.contactId : nil
        let tagEntries = entries.filter { $0.operation.kind == .addTags || $0.operation.kind == .removeTags }
        if !tagEntries.isEmpty || fields.keys.contains(where: isWholeValued) {
            // A PATCH replaces such a key whole, rebuilt from the record as last read: read it
            // again first, and re-plan the pair if it moved since the snapshot.
            guard let fresh = try await freshFulcrumRecord(fulcrumId, head: head, mirrored: raw, state: &state, outcome: &outcome) else { return }
            raw = fresh
        }
        let current = (try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])?["form_values"] as? [String: Any] ?? [:]
        let tags = tagEntries.isEmpty ? nil : encoder.tags(
            current: current,
            add: tagEntries.filter { $0.operation.kind == .addTags }.flatMap(\.operation.tags),
            remove: tagEntries.filter { $0.operation.kind == .removeTags }.flatMap(\.operation.tags))
        let body = try encoder.patchBody(encoder.formValues(fields: fields, current: current, linkTo: linkTo, tags: tags))
        let before = try await store.record(.fulcrum, id: fulcrumId)
        let record = try await send(head) { try await fulcrum.patch(id: fulcrumId, body: body) }
        let after = try FulcrumProjection(mapping: mapping).project(record.object)
        try verify(head, fields: fields, linkTo: linkTo, after: after, side: .fulcrum)
        if let tags, after.tags.keys != tags.keys {
            throw WriteFailure(entry: head, message: "Fulcrum accepted the tags of record \(fulcrumId) but they read back as \(after.tags.sortedSpellings); it will be retried next run")
        }
        let audit = try overwrites(.fulcrum, fulcrumId, before: before, fields: fields)
        for entry in entries {
            try await complete(entry, &state, response: record, side: .fulcrum, isLast: state.open.count == 1,
                         audit: entry.id == head.id ? audit : [])
            outcome.applied.append(entry.operation)
            progress.applied(failed: false)
        }
    }

    /// Checks the record the server returned holds what was written.
    func verify(_ entry: JournalEntry, fields: [String: FieldValue?], linkTo: String?, after: RecordState, side: Side) throws {
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where after.fields[key]?.canonical != value?.canonical {
            let name = side == .fulcrum ? "Fulcrum record \(after.id)" : "GHL contact \(after.id)"
            throw WriteFailure(entry: entry, message: "\(name) accepted the write but field \(key) reads back as \(after.fields[key].map { "\"\($0.text)\"" } ?? "empty") instead of \(value.map { "\"\($0.text)\"" } ?? "empty"); it will be retried next run")
        }
        if let linkTo, after.linkId != linkTo {
            throw WriteFailure(entry: entry, message: "the link field of \(after.id) reads back as \(after.linkId ?? "empty") instead of \(linkTo); it will be retried next run")
        }
    }

    /// Audit rows for the values a write replaces, so nothing the engine overwrote is lost.
    func overwrites(_ side: Side, _ id: String, before: RecordState?, fields: [String: FieldValue?]) throws -> [AuditEntry] {
        try fields.keys.sorted().compactMap { key in
            let old = before?.fields[key]
            guard old != nil else { return nil }
            return try AuditEntry.overwrite(side: side, recordId: id, field: key, old: old, new: fields[key] ?? nil)
        }
    }

    /// The mirror row of a contact with its tags replaced by what GHL answered (no extra GET).
    func mirrorWithTags(contactId: String, tags: [String]) async throws -> [MirrorChange] {
        guard let raw = try await store.rawRecord(.ghl, id: contactId),
            var object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any]
        else { return [] }
        object["tags"] = tags
        let json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let record = try mirror(RawRecord(id: contactId, json: json), side: .ghl)
        return [.upsert(.ghl, record)]
    }
}
