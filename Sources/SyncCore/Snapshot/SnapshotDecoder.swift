import Foundation

/// Reads API list bodies saved to files into canonical records.
///
/// Accepts what the list endpoints return: one page object (`{"records": [...], ...}` or
/// `{"contacts": [...], ...}`) or a JSON array of such pages. A body that is not JSON or a page
/// without its array is an error naming the file and page; a record that cannot be projected
/// (no id) is reported as a held item naming its position, so nothing is dropped silently.
public struct SnapshotDecoder: Sendable {
    /// The records read, de-duplicated by id (the later page wins, as paging overlaps).
    public var records: [RecordState] = []
    /// Records that could not be read, with where they were and why.
    public var held: [HeldItem] = []

    /// Decodes a Fulcrum records body.
    public static func fulcrum(_ data: Data, source: String, projection: FulcrumProjection) throws -> SnapshotDecoder {
        try decode(data, source: source, key: "records", side: .fulcrum, project: projection.project)
    }

    /// Decodes a GHL contacts body (`GET /contacts/` or `POST /contacts/search`).
    public static func ghl(_ data: Data, source: String, projection: GHLProjection) throws -> SnapshotDecoder {
        try decode(data, source: source, key: "contacts", side: .ghl, project: projection.project)
    }

    /// The item objects of every page, in order.
    public static func items(_ data: Data, source: String, key: String) throws -> [[String: Any]] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SyncCoreError(.invalidSnapshot, "\(source): not JSON at \(JSONErrorLocation.describe(error, in: data)); expected the body of the \(key) list endpoint")
        }
        let pages: [Any] = (object as? [Any]) ?? [object]
        var items: [[String: Any]] = []
        for (index, page) in pages.enumerated() {
            guard let page = page as? [String: Any], let list = page[key] as? [Any] else {
                throw SyncCoreError(.invalidSnapshot, "\(source): page \(index + 1) has no \"\(key)\" array; expected {\"\(key)\": [...]} or a list of such pages")
            }
            for (position, item) in list.enumerated() {
                guard let item = item as? [String: Any] else {
                    throw SyncCoreError(.invalidSnapshot, "\(source): page \(index + 1), item \(position + 1) is not a JSON object")
                }
                items.append(item)
            }
        }
        return items
    }

    private static func decode(
        _ data: Data, source: String, key: String, side: Side,
        project: ([String: Any]) throws -> RecordState
    ) throws -> SnapshotDecoder {
        var result = SnapshotDecoder()
        var byId: [String: Int] = [:]
        for (position, item) in try items(data, source: source, key: key).enumerated() {
            do {
                let state = try project(item)
                if let existing = byId[state.id] {
                    result.records[existing] = state
                } else {
                    byId[state.id] = result.records.count
                    result.records.append(state)
                }
            } catch let error as SyncCoreError {
                result.held.append(HeldItem(
                    fulcrumId: nil, contactId: nil,
                    reason: "\(source), \(key) item \(position + 1): \(error.message); it is skipped until fixed in \(side == .fulcrum ? "Fulcrum" : "GHL")"))
            }
        }
        return result
    }
}
