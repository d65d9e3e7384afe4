import Foundation

/// One GHL contact as fgsync keeps it: the raw JSON with a few typed fields read from it.
///
/// `json` is the contact object (what sits under `"contact"`, or one search row), every key kept.
public struct HighLevelContact: Sendable, Hashable {
    /// The contact id.
    public var id: String
    /// `dateUpdated`, when present.
    public var dateUpdated: Date?
    /// `dateAdded`, when present.
    public var dateAdded: Date?
    /// The contact object as JSON.
    public var json: Data

    /// Creates a contact from its parts.
    public init(id: String, dateUpdated: Date?, dateAdded: Date?, json: Data) {
        self.id = id
        self.dateUpdated = dateUpdated
        self.dateAdded = dateAdded
        self.json = json
    }

    /// Reads a contact object; `nil` when it has no string `id`. `json` is the object's bytes as
    /// the server sent them, when known; otherwise the object is encoded again.
    init?(object: [String: Any], json sent: Data? = nil) {
        guard let id = object["id"] as? String,
            let json = sent ?? (try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]))
        else { return nil }
        self.init(
            id: id, dateUpdated: GHLDates.parse(object["dateUpdated"]),
            dateAdded: GHLDates.parse(object["dateAdded"]), json: json)
    }

    /// The contact object, parsed (what `GHLProjection.project` takes).
    public func object() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    }
}

/// GHL's ISO-8601 timestamps (`2021-07-02T05:18:26.704Z`).
enum GHLDates {
    static func parse(_ value: Any?) -> Date? {
        guard let text = value as? String else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}
