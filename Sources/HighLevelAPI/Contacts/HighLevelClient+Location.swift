import Foundation
import SyncHTTP

extension HighLevelClient {
    /// The location (`GET /locations/{id}`, scope `locations.readonly`): the raw body
    /// `{"location": {..., "settings": {"allowDuplicateContact": ...}}}`.
    public func location() async throws -> Data {
        try await send(.get, "/locations/\(Self.escape(locationId))", route: "GET /locations/{id}").body
    }
}
