import Foundation

/// One record as an API returned it: the raw JSON object (kept whole in the mirror, unknown
/// fields included) plus the id it is tracked by.
public struct RawRecord: Sendable, Hashable {
    /// The record's id on its side.
    public var id: String
    /// The record object's JSON (not wrapped in `record`/`contact`).
    public var json: Data

    /// Creates a raw record.
    public init(id: String, json: Data) {
        self.id = id
        self.json = json
    }

    /// The JSON parsed as an object (empty when it is not one).
    public var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] ?? [:]
    }
}
