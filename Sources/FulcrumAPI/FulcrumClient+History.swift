import Foundation
import SyncHTTP

extension FulcrumClient {
    /// One page of a form's change feed after `sequence` (creates, updates and deletes).
    ///
    /// `sequence` is the cursor from the previous page's `nextSequence`; a first sync may seed
    /// it with epoch milliseconds of the last known `updated_at` (as Fulcrum Desktop does).
    public func historyPage(formId: String, sequence: Int64?, perPage: Int = 500) async throws
        -> FulcrumHistoryPage
    {
        var query = [
            URLQueryItem(name: "form_id", value: formId),
            URLQueryItem(name: "per_page", value: String(perPage)),
        ]
        if let sequence { query.append(URLQueryItem(name: "sequence", value: String(sequence))) }
        let route = "GET /api/v2/records/history.json"
        let response = try await send(.get, "/api/v2/records/history.json", route: route, query: query)
        guard let object = FulcrumJSON.object(response.body), let rows = object["records"] as? [[String: Any]]
        else {
            throw APIError(
                .invalidResponse, route: route, status: response.status, message: "no \"records\" array")
        }
        let items = try rows.map { row in
            guard let record = FulcrumRecordData(object: row) else {
                throw APIError(
                    .invalidResponse, route: route, status: response.status,
                    message: "a history entry has no id")
            }
            return FulcrumHistoryItem(
                record: record,
                change: (row["history_change_type"] as? String).flatMap(
                    FulcrumHistoryItem.Change.init(rawValue:)),
                sequence: FulcrumJSON.int64(row["sequence"]),
                historyId: row["history_id"] as? String)
        }
        return FulcrumHistoryPage(items: items, nextSequence: FulcrumJSON.int64(object["next_sequence"]))
    }

    /// The whole change feed after `sequence`, page by page, following `next_sequence` until it
    /// is null. A cursor that does not advance throws `repeatedCursor` instead of looping.
    public func history(
        formId: String,
        sequence: Int64?,
        perPage: Int = 500
    ) -> AsyncThrowingStream<FulcrumHistoryPage, any Error> {
        pagedStream(start: sequence) { cursor in
            let page = try await historyPage(formId: formId, sequence: cursor, perPage: perPage)
            guard let next = page.nextSequence, !page.items.isEmpty else { return (page, nil) }
            if let cursor, next <= cursor {
                throw APIError(
                    .repeatedCursor, route: "GET /api/v2/records/history.json",
                    message:
                        "next_sequence \(next) does not advance past \(cursor); stopping instead of looping")
            }
            return (page, .some(next))
        }
    }

    /// Every version of one record (`GET /api/v2/records/{id}/history.json`), ordered by
    /// `version`, oldest first: each a full snapshot of the record as that version left it.
    /// `notFound` when the server keeps no history for the id.
    public func recordHistory(id: String) async throws -> [FulcrumHistoryItem] {
        let route = "GET /api/v2/records/{id}/history.json"
        let response = try await send(.get, "/api/v2/records/\(Self.escape(id))/history.json", route: route)
        guard let object = FulcrumJSON.object(response.body), let rows = object["records"] as? [[String: Any]]
        else {
            throw APIError(.invalidResponse, route: route, status: response.status, message: "no \"records\" array")
        }
        let items = try rows.map { row in
            guard let record = FulcrumRecordData(object: row) else {
                throw APIError(.invalidResponse, route: route, status: response.status, message: "a history entry has no id")
            }
            return FulcrumHistoryItem(
                record: record,
                change: (row["history_change_type"] as? String).flatMap(FulcrumHistoryItem.Change.init(rawValue:)),
                sequence: FulcrumJSON.int64(row["sequence"]), historyId: row["history_id"] as? String)
        }
        // The documented fixture is oldest first; sorting by version keeps that true whatever the order sent.
        return items.enumerated().sorted { ($0.element.record.version ?? 0, $0.offset) < ($1.element.record.version ?? 0, $1.offset) }
            .map(\.element)
    }
}
