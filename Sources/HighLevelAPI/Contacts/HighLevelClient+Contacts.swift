import Foundation
import SyncHTTP

extension HighLevelClient {
    /// One contact by id (`GET /contacts/{id}`); `notFound` when it does not exist.
    public func contact(id: String) async throws -> HighLevelContact {
        let route = "GET /contacts/{id}"
        let response = try await send(.get, "/contacts/\(Self.escape(id))", route: route)
        return try contactIn(response, route: route)
    }

    /// Creates a contact (`POST /contacts/`, 201) from its JSON object; `locationId` is set to
    /// this client's location. When the location refuses duplicates, throws
    /// `APIError.Code.duplicate(contactId:matchingField:)` naming the existing contact.
    ///
    /// Not retried after a 5xx or a timeout (it may have been created): look it up first.
    public func createContact(json: Data) async throws -> HighLevelContact {
        let route = "POST /contacts/"
        var body = try parseObject(json, route: route)
        body["locationId"] = locationId
        let response = try await send(.post, "/contacts/", route: route, json: body)
        return try contactIn(response, route: route)
    }

    /// Updates a contact (`PUT /contacts/{id}`): sent fields change, absent ones stay.
    /// `locationId` is never sent (GHL rejects it on update). `tags` here would replace all tags:
    /// use `addTags`/`removeTags` for changes.
    public func updateContact(id: String, json: Data) async throws -> HighLevelContact {
        let route = "PUT /contacts/{id}"
        var body = try parseObject(json, route: route)
        body.removeValue(forKey: "locationId")
        let response = try await send(.put, "/contacts/\(Self.escape(id))", route: route, json: body)
        return try contactIn(response, route: route)
    }

    /// Deletes a contact permanently; `notFound` when it is already gone.
    public func deleteContact(id: String) async throws {
        _ = try await send(.delete, "/contacts/\(Self.escape(id))", route: "DELETE /contacts/{id}")
    }

    /// Reads `{"contact": {...}}`.
    func contactIn(_ response: HTTPResponse, route: String) throws -> HighLevelContact {
        let object = try object(response, route: route)
        guard let row = object["contact"] as? [String: Any], let contact = HighLevelContact(object: row)
        else {
            throw APIError(
                .invalidResponse, route: route, status: response.status,
                message: "no \"contact\" object with an id")
        }
        return contact
    }
}
