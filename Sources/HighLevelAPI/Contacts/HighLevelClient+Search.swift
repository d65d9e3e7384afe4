import Foundation
import SyncHTTP

extension HighLevelClient {
    /// One page of contacts from `POST /contacts/search` (an idempotent POST).
    /// - Parameters:
    ///   - pageLimit: rows per page (GHL allows up to 500).
    ///   - searchAfter: the previous page's `nextCursor`; `nil` for the first page.
    ///   - filters: a JSON array of filter objects (`[{"field":"dateUpdated","operator":"range",
    ///     "value":{"gte":"..."}}]`), or `nil` for all contacts.
    ///   - sort: a JSON array of sort objects, or `nil` for the server's default order.
    public func searchContacts(
        pageLimit: Int = 500,
        searchAfter: SearchCursor? = nil,
        filters: Data? = nil,
        sort: Data? = nil
    ) async throws -> HighLevelSearchPage {
        let route = "POST /contacts/search"
        var body: [String: Any] = ["locationId": locationId, "pageLimit": pageLimit]
        if let cursor = searchAfter?.value() { body["searchAfter"] = cursor }
        if let filters, let value = try? JSONSerialization.jsonObject(with: filters) {
            body["filters"] = value
        }
        if let sort, let value = try? JSONSerialization.jsonObject(with: sort) { body["sort"] = value }
        let response = try await send(.post, "/contacts/search", route: route, json: body, idempotent: true)
        let object = try object(response, route: route)
        guard let rows = object["contacts"] as? [[String: Any]] else {
            throw APIError(
                .invalidResponse, route: route, status: response.status, message: "no \"contacts\" array")
        }
        // Each contact keeps the bytes the server sent (the same document, so the same count).
        let sent = JSONArrayElements.ranges(of: "contacts", in: response.body).flatMap { $0.count == rows.count ? $0 : nil }
        let contacts = try rows.enumerated().map { index, row in
            guard let contact = HighLevelContact(object: row, json: sent.map { Data(response.body[$0[index]]) }) else {
                throw APIError(
                    .invalidResponse, route: route, status: response.status, message: "a contact has no id")
            }
            return contact
        }
        var cursor: SearchCursor?
        if let last = rows.last?["searchAfter"] as? [Any],
            let data = try? JSONSerialization.data(withJSONObject: last)
        {
            cursor = SearchCursor(json: data)
        }
        return HighLevelSearchPage(
            contacts: contacts, total: (object["total"] as? NSNumber)?.intValue, nextCursor: cursor)
    }

    /// Every contact matching `filters`, page by page, following the last row's `searchAfter`
    /// until an empty page. A cursor that comes back unchanged, or a non-empty page without one,
    /// throws `repeatedCursor` instead of looping forever.
    public func allContacts(
        pageLimit: Int = 500,
        filters: Data? = nil,
        sort: Data? = nil
    ) -> AsyncThrowingStream<HighLevelSearchPage, any Error> {
        pagedStream(start: SearchCursor?.none) { cursor in
            let page = try await searchContacts(
                pageLimit: pageLimit, searchAfter: cursor, filters: filters, sort: sort)
            if page.contacts.isEmpty { return (page, nil) }
            guard let next = page.nextCursor, next != cursor else {
                throw APIError(
                    .repeatedCursor, route: "POST /contacts/search",
                    message:
                        "the search cursor \(page.nextCursor?.description ?? "(none)") does not advance; "
                        + "stopping instead of reading the same page again")
            }
            return (page, .some(next))
        }
    }
}
