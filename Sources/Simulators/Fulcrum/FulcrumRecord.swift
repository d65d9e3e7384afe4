/// A record as the Fulcrum simulator stores it: the API JSON plus its server times.
public struct FulcrumRecord: Sendable, Codable, Equatable {
    /// The record exactly as `GET /records/:id` returns it (without the wrapper).
    public var json: [String: JSONValue]
    /// Server create time, epoch ms (whole seconds).
    public var createdAt: Int64
    /// Server update time, epoch ms (whole seconds).
    public var updatedAt: Int64

    /// Record id.
    public var id: String { json["id"]?.stringValue ?? "" }
    /// Form id.
    public var formId: String { json["form_id"]?.stringValue ?? "" }
    /// Server-managed version.
    public var version: Int { json["version"]?.intValue ?? 0 }
    /// The record's `form_values`.
    public var formValues: [String: JSONValue] { json["form_values"]?.objectValue ?? [:] }

    /// Keys a client may write at top level (all others are server-managed).
    static let writableKeys: [String] = [
        "status", "project_id", "assigned_to_id", "client_created_at", "client_updated_at", "changeset_id",
        "altitude", "speed", "course", "horizontal_accuracy", "vertical_accuracy", "created_duration",
        "updated_duration", "edited_duration", "created_location", "updated_location", "record_series_id",
    ]
    static let locationKeys: Set<String> = ["latitude", "longitude", "geometry"]
}
