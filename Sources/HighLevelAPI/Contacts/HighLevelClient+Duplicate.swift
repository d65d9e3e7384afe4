import Foundation
import SyncHTTP

extension HighLevelClient {
    /// The contact GHL considers a duplicate of `email` or `phone`
    /// (`GET /contacts/search/duplicate`, ghl.md §4.4), or `nil` when there is none.
    ///
    /// Unlike `POST /contacts/search`, this lookup does not go through the search index, so a
    /// contact created a moment ago is found (DESIGN.md "Crash safety"). Where the location
    /// allows duplicates GHL looks at the email first, then the phone; otherwise it uses the
    /// location's unique identifier. Ask with one identifier at a time to know which one matched.
    public func duplicateContact(email: String? = nil, phone: String? = nil) async throws -> HighLevelContact? {
        let route = "GET /contacts/search/duplicate"
        var query = [URLQueryItem(name: "locationId", value: locationId)]
        if let email { query.append(URLQueryItem(name: "email", value: email)) }
        if let phone { query.append(URLQueryItem(name: "number", value: phone)) }
        let response = try await send(.get, "/contacts/search/duplicate", route: route, query: query)
        let object = try object(response, route: route)
        // The answer's schema is not published; clients read `contact`, null or absent when none.
        guard let row = object["contact"] as? [String: Any] else { return nil }
        guard let contact = HighLevelContact(object: row) else {
            throw APIError(
                .invalidResponse, route: route, status: response.status, message: "the \"contact\" object has no id")
        }
        return contact
    }
}
