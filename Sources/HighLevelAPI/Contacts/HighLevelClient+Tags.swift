import Foundation
import SyncHTTP

extension HighLevelClient {
    /// Adds tags to a contact (`POST /contacts/{id}/tags`); returns the contact's tags after.
    @discardableResult
    public func addTags(id: String, tags: [String]) async throws -> [String] {
        try await tagCall(.post, id: id, tags: tags)
    }

    /// Removes tags from a contact (`DELETE /contacts/{id}/tags` with a JSON body); returns the
    /// contact's tags after.
    @discardableResult
    public func removeTags(id: String, tags: [String]) async throws -> [String] {
        try await tagCall(.delete, id: id, tags: tags)
    }

    func tagCall(_ method: HTTPMethod, id: String, tags: [String]) async throws -> [String] {
        let route = "\(method.rawValue) /contacts/{id}/tags"
        // Adding or removing the same tags twice has the effect of doing it once.
        let response = try await send(
            method, "/contacts/\(Self.escape(id))/tags", route: route, json: ["tags": tags], idempotent: true)
        return (try object(response, route: route)["tags"] as? [String]) ?? []
    }
}
