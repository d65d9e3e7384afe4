import Foundation
import SyncHTTP

extension HighLevelClient {
    /// Creates a custom field in the location (`POST /locations/{id}/customFields`) from a
    /// body such as `{"name": "Member level", "dataType": "SINGLE_OPTIONS", "options": ["Gold"]}`;
    /// returns its definition (`{"customField": {...}}`). Not retried: a repeat would fail as a
    /// duplicate name, or make a second field.
    public func createCustomField(json: Data) async throws -> HighLevelItem {
        try await childWrite(
            .post, "/locations/\(Self.escape(locationId))/customFields", "POST /locations/{id}/customFields", json,
            key: "customField")
    }
}
