import Foundation

/// One page of `POST /contacts/search`.
public struct HighLevelSearchPage: Sendable, Hashable {
    /// The contacts of this page (search rows: some fields GET returns may be missing).
    public var contacts: [HighLevelContact]
    /// The server's `total`, if sent (not reliable for termination).
    public var total: Int?
    /// The `searchAfter` of the last row: the cursor for the next page; `nil` on an empty page.
    public var nextCursor: SearchCursor?

    /// Creates a page.
    public init(contacts: [HighLevelContact], total: Int?, nextCursor: SearchCursor?) {
        self.contacts = contacts
        self.total = total
        self.nextCursor = nextCursor
    }
}

/// GHL's deep-paging cursor: the `searchAfter` array of a search row (e.g. `[1764003536678,
/// "abc123"]`), kept as raw JSON and sent back verbatim.
public struct SearchCursor: Sendable, Hashable, CustomStringConvertible {
    /// The JSON array.
    public var json: Data

    /// Wraps a JSON array.
    public init(json: Data) {
        self.json = json
    }

    /// The array, parsed.
    func value() -> Any? {
        try? JSONSerialization.jsonObject(with: json)
    }

    /// The JSON text.
    public var description: String { String(decoding: json, as: UTF8.self) }
}
