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
        try pages(data, source: source, key: key).flatMap { $0 }
    }

    /// The item objects, page by page.
    public static func pages(_ data: Data, source: String, key: String) throws -> [[[String: Any]]] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SyncCoreError(.invalidSnapshot, "\(source): not JSON at \(JSONErrorLocation.describe(error, in: data)); expected the body of the \(key) list endpoint")
        }
        let pages: [Any] = (object as? [Any]) ?? [object]
        return try pages.enumerated().map { index, page in
            guard let page = page as? [String: Any], let list = page[key] as? [Any] else {
                throw SyncCoreError(.invalidSnapshot, "\(source): page \(index + 1) has no \"\(key)\" array; expected {\"\(key)\": [...]} or a list of such pages")
            }
            return try list.enumerated().map { position, item in
                guard let item = item as? [String: Any] else {
                    throw SyncCoreError(.invalidSnapshot, "\(source): page \(index + 1), item \(position + 1) is not a JSON object")
                }
                return item
            }
        }
    }

    /// One readable item of a saved list body: its projection and its JSON object.
    public struct Item: Sendable {
        /// The item as the mapping reads it.
        public var state: RecordState
        /// The item's JSON object, as saved.
        public var json: Data
    }

    /// Every page's readable items, and a held item for each one that cannot be read (no id),
    /// naming where it was, so nothing is dropped silently.
    public static func readablePages(
        _ data: Data, source: String, side: Side, project: ([String: Any]) throws -> RecordState
    ) throws -> (pages: [[Item]], held: [HeldItem]) {
        let key = side == .fulcrum ? "records" : "contacts"
        var held: [HeldItem] = []
        var position = 0
        let pages = try pages(data, source: source, key: key).map { page in
            try page.compactMap { item -> Item? in
                position += 1
                do {
                    return Item(state: try project(item), json: try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]))
                } catch let error as SyncCoreError {
                    held.append(HeldItem(
                        fulcrumId: nil, contactId: nil,
                        reason: "\(source), \(key) item \(position): \(error.message); it is skipped until fixed in \(side == .fulcrum ? "Fulcrum" : "GHL")"))
                    return nil
                }
            }
        }
        return (pages, held)
    }

    private static func decode(
        _ data: Data, source: String, key: String, side: Side,
        project: ([String: Any]) throws -> RecordState
    ) throws -> SnapshotDecoder {
        var result = SnapshotDecoder()
        var byId: [String: Int] = [:]
        let read = try readablePages(data, source: source, side: side, project: project)
        result.held = read.held
        for item in read.pages.joined() {
            if let existing = byId[item.state.id] {
                result.records[existing] = item.state
            } else {
                byId[item.state.id] = result.records.count
                result.records.append(item.state)
            }
        }
        return result
    }
}
