import Foundation

/// One Fulcrum record as fgsync keeps it: the raw JSON with a few typed fields read from it.
///
/// `json` is the record object itself (what sits under `"record"`), every key kept, because the
/// mirror stores it whole and projects it later; the typed fields are for cursors and logs.
public struct FulcrumRecordData: Sendable, Hashable {
    /// The record id (opaque, case-sensitive).
    public var id: String
    /// The form it belongs to.
    public var formId: String?
    /// Server update time (`updated_at`), the change-tracking clock.
    public var updatedAt: Date?
    /// Server version, incremented on every change.
    public var version: Int?
    /// The record object as JSON.
    public var json: Data

    /// Creates a record from its parts.
    public init(id: String, formId: String?, updatedAt: Date?, version: Int?, json: Data) {
        self.id = id
        self.formId = formId
        self.updatedAt = updatedAt
        self.version = version
        self.json = json
    }

    /// Reads a record object; `nil` when it has no string `id`. `json` is the object's bytes as
    /// the server sent them, when known; otherwise the object is encoded again.
    init?(object: [String: Any], json sent: Data? = nil) {
        guard let id = object["id"] as? String, let json = sent ?? FulcrumJSON.data(object) else { return nil }
        self.init(
            id: id,
            formId: object["form_id"] as? String,
            updatedAt: FulcrumJSON.date(object["updated_at"]),
            version: FulcrumJSON.int(object["version"]),
            json: json)
    }

    /// The record object, parsed (what `FulcrumProjection.project` takes).
    public func object() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
    }
}
