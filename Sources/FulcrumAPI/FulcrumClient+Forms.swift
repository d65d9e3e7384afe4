import Foundation
import SyncHTTP

extension FulcrumClient {
    /// A form with its schema: the raw body `{"form": {...}}`, for `FormDefinition` to parse.
    public func form(id: String) async throws -> Data {
        let route = "GET /api/v2/forms/{id}.json"
        let response = try await send(.get, "/api/v2/forms/\(Self.escape(id)).json", route: route)
        guard let object = FulcrumJSON.object(response.body), object["form"] is [String: Any] else {
            throw APIError(
                .invalidResponse, route: route, status: response.status, message: "no \"form\" object")
        }
        return response.body
    }
}
