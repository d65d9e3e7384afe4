import Foundation
import SyncHTTP

extension FulcrumClient {
    /// A registered webhook as `GET /api/v2/webhooks.json` lists it.
    public struct Webhook: Sendable, Hashable {
        /// Its id.
        public var id: String
        /// Its name.
        public var name: String
        /// Where Fulcrum POSTs every event of the organisation.
        public var url: String
        /// Whether Fulcrum sends to it.
        public var active: Bool
    }

    /// The organisation's webhooks (first page of up to 1,000; an organisation has a handful).
    public func webhooks() async throws -> [Webhook] {
        let route = "GET /api/v2/webhooks.json"
        let response = try await send(
            .get, "/api/v2/webhooks.json", route: route, query: [URLQueryItem(name: "per_page", value: "1000")])
        guard let list = FulcrumJSON.object(response.body)?["webhooks"] as? [[String: Any]] else {
            throw APIError(.invalidResponse, route: route, status: response.status, message: "no \"webhooks\" list")
        }
        return list.map {
            Webhook(
                id: $0["id"] as? String ?? "", name: $0["name"] as? String ?? "", url: $0["url"] as? String ?? "",
                active: $0["active"] as? Bool ?? true)
        }
    }
}
