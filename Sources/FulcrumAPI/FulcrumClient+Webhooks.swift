import Foundation
import SyncHTTP

extension FulcrumClient {
    /// Registers a webhook (organisation-wide: every record event is POSTed to `url`, fulcrum.md
    /// §5.1); returns its id. Fulcrum's webhooks carry no signature, so `url` should hold a
    /// secret path segment.
    public func createWebhook(name: String, url: String) async throws -> String {
        let route = "POST /api/v2/webhooks.json"
        let body = try JSONSerialization.data(withJSONObject: ["webhook": ["name": name, "url": url, "active": true]])
        let response = try await send(.post, "/api/v2/webhooks.json", route: route, body: body)
        guard let webhook = FulcrumJSON.object(response.body)?["webhook"] as? [String: Any], let id = webhook["id"] as? String else {
            throw APIError(.invalidResponse, route: route, status: response.status, message: "no \"webhook\" object with an id")
        }
        return id
    }
}
