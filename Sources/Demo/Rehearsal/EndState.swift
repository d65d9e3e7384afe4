import Foundation
import SyncCore
import SyncEngine

/// What both sides hold, person by person, under a mapping: the canonical value of every mapped
/// field on each side, the tags, and which records are linked (each holds the other's id).
/// A rehearsal reads it before and after its run; comparing the predicted end state with what
/// the real run leaves is how a rehearsal is checked.
public struct EndState: Sendable, Hashable, Codable {
    /// One person: a linked pair, or a record (or contact) alone on its side.
    public struct Person: Sendable, Hashable, Codable {
        /// The Fulcrum record id, when the person has a record.
        public var fulcrumId: String?
        /// The GHL contact id, when the person has a contact.
        public var contactId: String?
        /// The record's mapped values by Fulcrum data_name (canonical).
        public var fulcrum: [String: String]?
        /// The contact's mapped values by Fulcrum data_name (canonical).
        public var ghl: [String: String]?
        /// The record's tags (folded), when tags are synced.
        public var fulcrumTags: [String]?
        /// The contact's tags (folded).
        public var ghlTags: [String]?

        /// Whether the record and the contact hold each other's id.
        public var linked = false

        /// The person without ids: two runs that create the same people with different ids
        /// (ids are chosen by the servers) have equal values.
        public var values: Person {
            var copy = self
            copy.fulcrumId = fulcrumId == nil ? nil : "-"
            copy.contactId = contactId == nil ? nil : "-"
            return copy
        }

        /// A name for people: first and last name (or the email) from either side.
        public var name: String {
            for values in [fulcrum, ghl].compactMap({ $0 }) {
                let parts = ["first_name", "last_name"].compactMap { values[$0] }.filter { !$0.isEmpty }
                if !parts.isEmpty { return parts.joined(separator: " ") }
                if let email = values["email"], !email.isEmpty { return email }
            }
            return fulcrumId ?? contactId ?? "?"
        }
    }

    /// Records on the Fulcrum side.
    public var fulcrumRecords: Int
    /// Contacts on the GHL side.
    public var ghlContacts: Int
    /// Linked pairs.
    public var linkedPairs: Int
    /// Every person, linked pairs first, each group in id order.
    public var people: [Person]

    /// Both sides' people with ids left out, sorted: equal for two runs that leave the same data.
    public var values: [Person] {
        people.map(\.values).sorted { Self.sortKey($0) < Self.sortKey($1) }
    }

    static func sortKey(_ person: Person) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(person), as: UTF8.self)) ?? ""
    }

    /// Projects `records` and `contacts` under `mapping` and pairs them by their link fields.
    public init(records: [RawRecord], contacts: [RawRecord], mapping: ResolvedMapping) throws {
        let fulcrumSide = FulcrumProjection(mapping: mapping)
        let ghlSide = GHLProjection(mapping: mapping)
        let projectedRecords = try records.map { try fulcrumSide.project($0.object) }
        let projectedContacts = Dictionary(
            try contacts.map { try ghlSide.project($0.object) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let tagsSynced = mapping.tagsElement != nil
        func values(_ state: RecordState) -> [String: String] {
            Dictionary(mapping.fields.map { ($0.key, state.fields[$0.key]?.canonical ?? "") }, uniquingKeysWith: { first, _ in first })
        }
        var people: [Person] = []
        var pairedContacts: Set<String> = []
        for record in projectedRecords.sorted(by: { $0.id < $1.id }) {
            var person = Person(fulcrumId: record.id, fulcrum: values(record), fulcrumTags: tagsSynced ? record.tags.keys.sorted() : nil)
            if let contactId = record.linkId, let contact = projectedContacts[contactId], contact.linkId == record.id {
                person.contactId = contact.id
                person.linked = true
                person.ghl = values(contact)
                person.ghlTags = tagsSynced ? contact.tags.keys.sorted() : nil
                pairedContacts.insert(contact.id)
            }
            people.append(person)
        }
        for contact in projectedContacts.values.sorted(by: { $0.id < $1.id }) where !pairedContacts.contains(contact.id) {
            people.append(Person(contactId: contact.id, ghl: values(contact), ghlTags: tagsSynced ? contact.tags.keys.sorted() : nil))
        }
        self.fulcrumRecords = projectedRecords.count
        self.ghlContacts = projectedContacts.count
        self.linkedPairs = pairedContacts.count
        self.people = people.sorted { ($0.linked ? 0 : 1, $0.fulcrumId ?? "~" + ($0.contactId ?? "")) < ($1.linked ? 0 : 1, $1.fulcrumId ?? "~" + ($1.contactId ?? "")) }
    }

    /// Reads both sides through the gateways (GETs and searches only).
    public static func read(fulcrum: any FulcrumGateway, ghl: any GHLGateway, mapping: ResolvedMapping) async throws -> EndState {
        let records = Collected()
        try await fulcrum.records { records.append($0) }
        let contacts = Collected()
        try await ghl.contacts { contacts.append($0) }
        return try EndState(records: records.items, contacts: contacts.items, mapping: mapping)
    }
}
