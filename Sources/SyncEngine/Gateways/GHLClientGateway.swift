import Foundation
import SyncCore
import HighLevelAPI
import SyncHTTP

/// `GHLGateway` over the HTTP client, for one location.
public struct GHLClientGateway: GHLGateway {
    /// The client.
    public let client: HighLevelClient
    /// Contacts per search page (the API allows 500).
    public var pageSize: Int

    /// Creates a gateway.
    public init(client: HighLevelClient, pageSize: Int = 500) {
        self.client = client
        self.pageSize = pageSize
    }

    public func customFields() async throws -> [GHLCustomField] {
        try await client.customFields().compactMap { item in (try? item.object()).flatMap(GHLCustomField.init(object:)) }
    }

    public func customFieldIds() async throws -> [String: String] {
        var ids: [String: String] = [:]
        for item in try await client.customFields() {
            let object = (try? item.object()) ?? [:]
            for name in [object["fieldKey"], object["name"]].compactMap({ $0 as? String }) {
                ids[name] = item.id
                // GHL prefixes keys with the model: "contact.fulcrum_record_id".
                if let short = name.split(separator: ".", maxSplits: 1).last, name.hasPrefix("contact.") {
                    ids[String(short)] = item.id
                }
            }
        }
        return ids
    }

    public func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
        for try await result in client.allContacts(pageLimit: pageSize) where !result.contacts.isEmpty {
            try await page(result.contacts.map { RawRecord(id: $0.id, json: $0.json) })
        }
    }

    public func contacts(updatedSince since: Date, _ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
        let filter: [[String: Any]] = [[
            "field": "dateUpdated", "operator": "range",
            "value": ["gte": Timestamp.format(since, milliseconds: true)],
        ]]
        let sort: [[String: Any]] = [["field": "dateUpdated", "direction": "asc"]]
        for try await result in client.allContacts(
            pageLimit: pageSize, filters: try JSONSerialization.data(withJSONObject: filter),
            sort: try JSONSerialization.data(withJSONObject: sort)) where !result.contacts.isEmpty
        {
            try await page(result.contacts.map { RawRecord(id: $0.id, json: $0.json) })
        }
    }

    public func contact(id: String) async throws -> RawRecord? {
        do {
            let contact = try await client.contact(id: id)
            return RawRecord(id: contact.id, json: contact.json)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    public func create(body: Data) async throws -> GHLCreateOutcome {
        do {
            let contact = try await client.createContact(json: body)
            return .created(RawRecord(id: contact.id, json: contact.json))
        } catch let error as APIError {
            if case .duplicate(let contactId, let field) = error.code { return .duplicate(contactId: contactId, matchingField: field) }
            throw error
        }
    }

    public func update(id: String, body: Data) async throws -> RawRecord {
        let contact = try await client.updateContact(id: id, json: body)
        return RawRecord(id: contact.id, json: contact.json)
    }

    public func delete(id: String) async throws {
        do {
            try await client.deleteContact(id: id)
        } catch let error as APIError where error.isNotFound {
            // Already gone: the delete's goal holds.
        }
    }

    public func addTags(id: String, body: Data) async throws -> [String] {
        try await client.addTags(id: id, tags: Self.tags(body))
    }

    public func removeTags(id: String, body: Data) async throws -> [String] {
        try await client.removeTags(id: id, tags: Self.tags(body))
    }

    public func findContact(customField fieldId: String, value: String) async throws -> RawRecord? {
        let filter: [[String: Any]] = [["field": "customFields.\(fieldId)", "operator": "eq", "value": value]]
        let page = try await client.searchContacts(
            pageLimit: 2, filters: try JSONSerialization.data(withJSONObject: filter))
        guard page.contacts.count == 1, let contact = page.contacts.first else { return nil }
        return RawRecord(id: contact.id, json: contact.json)
    }

    public func duplicateContact(email: String?, phone: String?) async throws -> RawRecord? {
        guard let contact = try await client.duplicateContact(email: email, phone: phone) else { return nil }
        return RawRecord(id: contact.id, json: contact.json)
    }

    static func tags(_ body: Data) -> [String] {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["tags"] as? [String] ?? []
    }
}
