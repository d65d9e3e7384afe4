import Foundation
import SyncHTTP

extension FulcrumClient {
    /// One page of a form's records, optionally only those updated since a time.
    ///
    /// `updatedSince` is sent as whole epoch seconds, rounded down, so a boundary record is
    /// read again rather than missed (the engine's upserts are idempotent by id and version).
    public func recordsPage(
        formId: String,
        updatedSince: Date? = nil,
        page: Int = 1,
        perPage: Int = 1_000
    ) async throws -> FulcrumRecordsPage {
        var query = [
            URLQueryItem(name: "form_id", value: formId),
            URLQueryItem(name: "page", value: String(page)),
            URLQueryItem(name: "per_page", value: String(perPage)),
        ]
        if let updatedSince {
            let seconds = Int64(updatedSince.timeIntervalSince1970.rounded(.down))
            query.append(URLQueryItem(name: "updated_since", value: String(seconds)))
        }
        let route = "GET /api/v2/records.json"
        let response = try await send(.get, "/api/v2/records.json", route: route, query: query)
        guard let object = FulcrumJSON.object(response.body), let rows = object["records"] as? [[String: Any]]
        else {
            throw APIError(
                .invalidResponse, route: route, status: response.status, message: "no \"records\" array")
        }
        // Each record keeps the bytes the server sent (the same document, so the same count).
        let sent = JSONArrayElements.ranges(of: "records", in: response.body).flatMap { $0.count == rows.count ? $0 : nil }
        let records = try rows.enumerated().map { index, row in
            guard let record = FulcrumRecordData(object: row, json: sent.map { Data(response.body[$0[index]]) }) else {
                throw APIError(
                    .invalidResponse, route: route, status: response.status, message: "a record has no id")
            }
            return record
        }
        return FulcrumRecordsPage(
            records: records,
            currentPage: FulcrumJSON.int(object["current_page"]) ?? page,
            totalPages: FulcrumJSON.int(object["total_pages"]) ?? page,
            totalCount: FulcrumJSON.int(object["total_count"]) ?? records.count,
            perPage: FulcrumJSON.int(object["per_page"]) ?? perPage)
    }

    /// Every page of a form's records, one at a time, stopping after `total_pages`.
    ///
    /// Pages are fetched lazily as the stream is consumed, so memory holds one page.
    public func records(
        formId: String,
        updatedSince: Date? = nil,
        perPage: Int = 1_000
    ) -> AsyncThrowingStream<FulcrumRecordsPage, any Error> {
        pagedStream(start: 1) { page in
            let result = try await recordsPage(
                formId: formId, updatedSince: updatedSince, page: page, perPage: perPage)
            let more = result.hasNextPage && !result.records.isEmpty
            return (result, more ? page + 1 : nil)
        }
    }

    /// One record by id; `notFound` when it does not exist (or was deleted).
    public func record(id: String) async throws -> FulcrumRecordData {
        try await recordCall(.get, id: id, body: nil)
    }

    /// Creates a record from its JSON object (`form_id`, `form_values`, ...; the client adds the
    /// `{"record": ...}` wrapper unless `json` already is one) and returns the server's record.
    public func createRecord(json: Data) async throws -> FulcrumRecordData {
        let route = "POST /api/v2/records.json"
        let response = try await send(
            .post, "/api/v2/records.json", route: route, body: FulcrumJSON.wrap("record", json))
        return try singleRecord(response, route: route)
    }

    /// Merges top-level keys into a record (PATCH): keys sent replace, `null` erases, absent keys
    /// stay. Inside `form_values` too, only top-level keys are merged; nested values are replaced.
    public func patchRecord(id: String, json: Data) async throws -> FulcrumRecordData {
        try await recordCall(.patch, id: id, body: FulcrumJSON.wrap("record", json))
    }

    /// Replaces a whole record (PUT). The caller must send the entire record: omitted fields are
    /// wiped by the server. Prefer `patchRecord` or read-modify-write.
    public func replaceRecord(id: String, json: Data) async throws -> FulcrumRecordData {
        try await recordCall(.put, id: id, body: FulcrumJSON.wrap("record", json))
    }

    /// Deletes a record; `notFound` when it is already gone.
    public func deleteRecord(id: String) async throws {
        let route = "DELETE /api/v2/records/{id}.json"
        _ = try await send(.delete, "/api/v2/records/\(Self.escape(id)).json", route: route)
    }

    /// GET, PATCH or PUT of `/records/{id}.json`, returning the record of the answer.
    func recordCall(_ method: HTTPMethod, id: String, body: Data?) async throws -> FulcrumRecordData {
        let route = "\(method.rawValue) /api/v2/records/{id}.json"
        let response = try await send(
            method, "/api/v2/records/\(Self.escape(id)).json", route: route, body: body)
        return try singleRecord(response, route: route)
    }

    /// Reads `{"record": {...}}`.
    func singleRecord(_ response: HTTPResponse, route: String) throws -> FulcrumRecordData {
        guard let object = FulcrumJSON.object(response.body), let row = object["record"] as? [String: Any],
            let record = FulcrumRecordData(object: row)
        else {
            throw APIError(
                .invalidResponse, route: route, status: response.status,
                message: "no \"record\" object with an id")
        }
        return record
    }

    /// A path segment with reserved characters escaped.
    static func escape(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}
