import Foundation

/// A child item of a contact (a note or a task) or a custom field definition: its id and its raw
/// JSON object.
public struct HighLevelItem: Sendable, Hashable {
    /// The item id.
    public var id: String
    /// The item object as JSON, every key kept.
    public var json: Data

    /// Creates an item.
    public init(id: String, json: Data) {
        self.id = id
        self.json = json
    }

    /// Reads an item object; `nil` when it has no string `id`.
    init?(object: [String: Any]) {
        guard let id = object["id"] as? String,
            let json = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        else { return nil }
        self.init(id: id, json: json)
    }

    /// The item object, parsed.
    public func object() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    }
}
